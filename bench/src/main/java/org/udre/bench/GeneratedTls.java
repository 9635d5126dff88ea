package org.udre.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import org.udre.connectors.tsi.TlsSettings;

/**
 * TLS material for a TSI and its client, made at run time with the JDK's keytool so that no key is ever kept in the
 * repository: two self-signed EC certificates, each side trusting only the other's.
 */
record GeneratedTls(TlsSettings tsi, TlsSettings client) {
    private static final char[] PASSWORD = "bench-only".toCharArray();

    GeneratedTls {
        if (tsi == null || client == null) {
            throw new IllegalArgumentException("both sides need TLS settings, got " + tsi + " and " + client);
        }
    }

    /** Writes the key and trust stores into {@code dir} (which the caller deletes) and loads them. */
    static GeneratedTls in(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path tsiKeys = keyPair(dir, "tsi", "CN=tsi.bench.invalid,O=UDRE Bench");
        Path clientKeys = keyPair(dir, "client", "CN=udre-engine,O=UDRE Bench");
        Path tsiTrusts = trustStore(dir, "tsi-trusts", clientKeys, "client");
        Path clientTrusts = trustStore(dir, "client-trusts", tsiKeys, "tsi");
        return new GeneratedTls(TlsSettings.fromKeyStore(tsiKeys, PASSWORD, tsiTrusts, PASSWORD),
                TlsSettings.fromKeyStore(clientKeys, PASSWORD, clientTrusts, PASSWORD));
    }

    private static Path keyPair(Path dir, String alias, String subject) throws IOException, InterruptedException {
        Path store = dir.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", subject, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not make a key pair for '" + subject + "': " + output);
        }
        return store;
    }

    private static Path trustStore(Path dir, String name, Path keyStore, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            source.load(in, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, source.getCertificate(alias));
        Path file = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD);
        }
        return file;
    }
}
