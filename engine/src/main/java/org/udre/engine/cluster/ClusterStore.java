package org.udre.engine.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.udre.engine.EngineSchema;

/**
 * Clusters and their nodes in the engine's database. Writes join the caller's transaction: a node's row changes with
 * the step of its process that changed it.
 */
@Component
public class ClusterStore {

    private static final String CLUSTER = "id, name, template, owner, state, reason, plan, images, lease_expires_at,"
            + " created_at, updated_at";
    private static final String NODE = "cluster_id, name, role, node_index, state, node_process, address, workspace,"
            + " host, reason, release_requested, vm_removed, updated_at";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ClusterStore(JdbcTemplate jdbc, EngineSchema schema) {
        this.jdbc = jdbc;
    }

    public void insert(ClusterRecord cluster) {
        jdbc.update("insert into cluster (" + CLUSTER + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cluster.id(), cluster.name(), cluster.template(), cluster.owner(), cluster.state().name(),
                cluster.reason(), cluster.planJson(), json(cluster.images()), ts(cluster.leaseExpiresAt()),
                ts(cluster.createdAt()), ts(cluster.updatedAt()));
    }

    public Optional<ClusterRecord> find(String id) {
        return jdbc.query("select " + CLUSTER + " from cluster where id = ?", ClusterStore::cluster, id)
                .stream().findFirst();
    }

    public Optional<ClusterRecord> findByName(String name) {
        return jdbc.query("select " + CLUSTER + " from cluster where name = ?", ClusterStore::cluster, name)
                .stream().findFirst();
    }

    public List<ClusterRecord> all() {
        return jdbc.query("select " + CLUSTER + " from cluster order by created_at", ClusterStore::cluster);
    }

    public ClusterRecord require(String id) {
        return find(id).orElseThrow(() -> new UnknownClusterException(id));
    }

    public void setState(String id, ClusterState state, String reason) {
        jdbc.update("update cluster set state = ?, reason = ?, updated_at = ? where id = ?",
                state.name(), reason, now(), id);
    }

    public void setPlan(String id, String planJson) {
        jdbc.update("update cluster set plan = ?, updated_at = ? where id = ?", planJson, now(), id);
    }

    public void insertNode(String clusterId, String name, String role, int index, String nodeProcess) {
        jdbc.update("insert into cluster_node (" + NODE + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                clusterId, name, role, index, NodeState.STARTING.name(), nodeProcess, null, null, null, null,
                false, false, now());
    }

    public List<ClusterNode> nodes(String clusterId) {
        return jdbc.query("select " + NODE + " from cluster_node where cluster_id = ? order by role, node_index",
                ClusterStore::node, clusterId);
    }

    public List<ClusterNode> nodes(String clusterId, String role) {
        return jdbc.query("select " + NODE + " from cluster_node where cluster_id = ? and role = ? order by node_index",
                ClusterStore::node, clusterId, role);
    }

    public Optional<ClusterNode> node(String clusterId, String name) {
        return jdbc.query("select " + NODE + " from cluster_node where cluster_id = ? and name = ?",
                ClusterStore::node, clusterId, name).stream().findFirst();
    }

    public void nodeReady(String clusterId, String name, String address, String workspace, String host) {
        jdbc.update("update cluster_node set state = ?, address = ?, workspace = ?, host = ?, updated_at = ?"
                        + " where cluster_id = ? and name = ? and state = ?",
                NodeState.READY.name(), address, workspace, host, now(), clusterId, name, NodeState.STARTING.name());
    }

    public void nodeFailed(String clusterId, String name, String reason) {
        jdbc.update("update cluster_node set state = ?, reason = ?, updated_at = ? where cluster_id = ? and name = ?",
                NodeState.FAILED.name(), reason, now(), clusterId, name);
    }

    /** The node's VM is gone; a node the cluster had released is from now on RELEASED. */
    public void nodeRemoved(String clusterId, String name) {
        jdbc.update("update cluster_node set vm_removed = ?, state = case when release_requested and state <> ?"
                        + " then ? else state end, updated_at = ? where cluster_id = ? and name = ?",
                true, NodeState.FAILED.name(), NodeState.RELEASED.name(), now(), clusterId, name);
    }

    public void requestRelease(String clusterId, Collection<String> names) {
        for (String name : names) {
            jdbc.update("update cluster_node set release_requested = ?, updated_at = ? where cluster_id = ? and name = ?",
                    true, now(), clusterId, name);
        }
    }

    public void requestReleaseOfRole(String clusterId, String role) {
        jdbc.update("update cluster_node set release_requested = ?, updated_at = ? where cluster_id = ? and role = ?",
                true, now(), clusterId, role);
    }

    private static ClusterRecord cluster(ResultSet row, int index) throws SQLException {
        return new ClusterRecord(row.getString("id"), row.getString("name"), row.getString("template"),
                row.getString("owner"), ClusterState.valueOf(row.getString("state")), row.getString("reason"),
                row.getString("plan"), images(row.getString("images")), instant(row, "lease_expires_at"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static ClusterNode node(ResultSet row, int index) throws SQLException {
        return new ClusterNode(row.getString("cluster_id"), row.getString("name"), row.getString("role"),
                row.getInt("node_index"), NodeState.valueOf(row.getString("state")), row.getString("node_process"),
                row.getString("address"), row.getString("workspace"), row.getString("host"), row.getString("reason"),
                row.getBoolean("release_requested"), row.getBoolean("vm_removed"), instant(row, "updated_at"));
    }

    private static Map<String, String> images(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored role images are not JSON: " + json, e);
        }
    }

    private static String json(Map<String, String> images) {
        try {
            return JSON.writeValueAsString(images);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
