package org.udre.engine.cluster;

import org.springframework.stereotype.Component;
import org.udre.engine.UdreProperties;

/** The intervals the cluster processes read ({@code ${clusterTiming.pollInterval}}), from the configuration file. */
@Component("clusterTiming")
public class ClusterTiming {

    private final UdreProperties.Clusters settings;

    public ClusterTiming(UdreProperties properties) {
        this.settings = properties.clusters();
    }

    public String getPollInterval() {
        return settings.pollInterval().toString();
    }

    public String getHealthInterval() {
        return settings.healthInterval().toString();
    }
}
