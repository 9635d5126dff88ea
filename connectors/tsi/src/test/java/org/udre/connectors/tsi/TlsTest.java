package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.agent.AgentSettings;
import org.udre.connectors.tsi.support.TestCertificates;
import org.udre.connectors.tsi.support.TestTsi;

/**
 * TLS as the TSI does it: TLS server on its port, TLS client on its call-backs, certificates both ways, and an
 * optional list of allowed client DNs. The agent is configured from PEM files, the client from key stores.
 */
class TlsTest {
    @TempDir
    static Path certs;
    @TempDir
    Path dir;
    private static TestCertificates ca;

    @BeforeAll
    static void makeCertificates() throws Exception {
        ca = new TestCertificates(certs);
        ca.make("tsi", "CN=tsi.example.org,O=UDRE Test");
        ca.make("client", "CN=udre-engine,OU=Jobs,O=UDRE Test");
        ca.make("stranger", "CN=someone,O=Elsewhere");
        ca.trust("tsi-trusts", List.of("client", "stranger"));
        ca.trust("client-trusts", List.of("tsi"));
    }

    private AgentSettings tlsAgent(List<String> allowedSubjects) {
        return TestTsi.agentSettings(dir).withTls(TlsSettings.fromPem(ca.certificate("tsi"), ca.privateKey("tsi"), null,
                ca.trustedPem("tsi-trusts")), allowedSubjects);
    }

    private TsiClientSettings tlsClient(String keyName) {
        return TestTsi.clientSettings().withTls(TlsSettings.fromKeyStore(ca.keyStore(keyName), TestCertificates.PASSWORD,
                ca.trustStore("client-trusts"), TestCertificates.PASSWORD));
    }

    @Test
    void commands_and_file_data_travel_over_tls_both_ways() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "over TLS\n");
        try (TestTsi tsi = TestTsi.start(tlsAgent(List.of("O=UDRE Test,OU=Jobs")), tlsClient("client"))) {
            assertThat(tsi.client.checkReadiness(tsi.address, "10.4.0").ready()).isTrue();
            Identity who = Identity.of("nobody");
            assertThat(tsi.client.executeScript(tsi.address, who, "echo hello")).isEqualTo("hello\n");
            assertThat(tsi.client.readFile(tsi.address, who, dir + "/secret.txt", 100))
                    .hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("over TLS\n"));
        }
    }

    @Test
    void a_client_certificate_whose_subject_is_not_allowed_is_rejected() {
        try (TestTsi tsi = TestTsi.start(tlsAgent(List.of("CN=udre-engine,O=UDRE Test")), tlsClient("stranger"))) {
            assertThat(tsi.client.checkReadiness(tsi.address, "10.4.0").status()).isEqualTo(Readiness.Status.REJECTED);
        }
    }

    @Test
    void a_client_the_tsi_does_not_trust_is_rejected() {
        TsiClientSettings untrusted = TestTsi.clientSettings().withTls(TlsSettings.fromPem(ca.certificate("tsi"),
                ca.privateKey("tsi"), null, ca.trustedPem("client-trusts")));
        try (TestTsi tsi = TestTsi.start(tlsAgent(List.of()), untrusted)) {
            Readiness readiness = tsi.client.checkReadiness(tsi.address, "10.4.0");
            assertThat(readiness.status()).isEqualTo(Readiness.Status.REJECTED);
        }
    }

    @Test
    void a_plain_client_gets_nowhere_with_a_tls_tsi() {
        try (TestTsi tsi = TestTsi.start(tlsAgent(List.of()), TestTsi.clientSettings())) {
            assertThat(tsi.client.checkReadiness(tsi.address, "10.4.0").ready()).isFalse();
        }
    }

    @Test
    void broken_key_material_is_refused_naming_the_files() {
        assertThatThrownBy(() -> TlsSettings.fromPem(ca.certificate("tsi"), ca.certificate("tsi"), null, ca.trustedPem("tsi-trusts")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tsi-cert.pem")
                .hasMessageContaining("no PRIVATE KEY");
        assertThatThrownBy(() -> TlsSettings.fromKeyStore(ca.keyStore("tsi"), "wrong".toCharArray(),
                ca.trustStore("client-trusts"), TestCertificates.PASSWORD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tsi.p12");
    }
}
