-- Clusters and their nodes. A cluster's process keeps only its plan; where each node stands lives here, one row a
-- node, written by the node's own process, so that thousands of nodes never contend for the cluster's instance.
create table cluster (
    id               varchar(64)   not null,  -- the cluster's process instance
    name             varchar(40)   not null,  -- part of every node name; never used again, even after teardown
    template         varchar(40)   not null,
    owner            varchar(64),             -- the user the nodes' TSIs act for; null: each image's default user
    state            varchar(16)   not null,  -- STARTING, RUNNING, SCALING, DEGRADED, FAILED, TEARING_DOWN, TORN_DOWN
    reason           varchar(2000),           -- why it is in that state
    plan             text          not null,  -- the plan (names, counts, replacements used) as JSON
    images           text          not null,  -- the image reference each role's nodes are made from, as JSON
    lease_expires_at timestamp     not null,
    created_at       timestamp     not null,
    updated_at       timestamp     not null,
    constraint cluster_pk primary key (id),
    constraint cluster_name_unique unique (name)
);

create table cluster_node (
    cluster_id        varchar(64)   not null,
    name              varchar(63)   not null,  -- <cluster>-<role>-<index>: deterministic, never reused
    role              varchar(20)   not null,
    node_index        integer       not null,
    state             varchar(16)   not null,  -- STARTING, READY, FAILED, RELEASED
    node_process      varchar(64)   not null,  -- the cluster-node instance that serves it
    address           varchar(100),            -- its TSI (host:port), once ready
    workspace         varchar(500),            -- where its TSI makes job directories
    host              varchar(100),            -- the libvirt host it was placed on
    reason            varchar(2000),           -- why it failed
    release_requested boolean       not null,  -- the cluster no longer wants it
    vm_removed        boolean       not null,  -- its VM and volume are gone
    updated_at        timestamp     not null,
    constraint cluster_node_pk primary key (cluster_id, name)
);
create index cluster_node_role on cluster_node (cluster_id, role);
