package org.udre.engine.tsi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiClientSettings;
import org.udre.engine.UdreProperties;

@Configuration
class TsiConfiguration {

    /** One client for the whole engine: it pools the connections to every TSI. */
    @Bean(destroyMethod = "close")
    TsiClient tsiClient(UdreProperties properties) {
        UdreProperties.Tsi tsi = properties.tsi();
        return new TsiClient(new TsiClientSettings(tsi.connectTimeout(), tsi.callbackTimeout(), tsi.readTimeout(),
                tsi.replyBindAddress(), tsi.replyPort(), tsi.maxIdlePerAddress()));
    }
}
