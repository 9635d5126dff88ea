package org.udre.connectors.tsi.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed test certificates made with the JDK's keytool, in both forms the TSI world uses: PKCS12 key stores and
 * PEM files (certificate, PKCS#8 key, trusted bundle).
 */
public final class TestCertificates {
    public static final char[] PASSWORD = "changeit".toCharArray();

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes {@code <name>.p12}, {@code <name>-cert.pem} and {@code <name>-key.pem} for the subject. */
    public void make(String name, String subject) throws IOException, InterruptedException, GeneralSecurityException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", subject, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore(name).toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore(name))) {
            store.load(in, PASSWORD);
        }
        Certificate cert = store.getCertificate(name);
        Key key = store.getKey(name, PASSWORD);
        Files.writeString(certificate(name), pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(privateKey(name), pem("PRIVATE KEY", key.getEncoded()));
    }

    /** A PEM bundle and a PKCS12 trust store holding the named certificates. */
    public void trust(String bundle, List<String> names) throws IOException, GeneralSecurityException {
        StringBuilder pem = new StringBuilder();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (String name : names) {
            pem.append(Files.readString(certificate(name)));
            KeyStore source = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore(name))) {
                source.load(in, PASSWORD);
            }
            store.setCertificateEntry(name, source.getCertificate(name));
        }
        Files.writeString(dir.resolve(bundle + ".pem"), pem);
        try (OutputStream out = Files.newOutputStream(dir.resolve(bundle + ".p12"))) {
            store.store(out, PASSWORD);
        }
    }

    public Path keyStore(String name) {
        return dir.resolve(name + ".p12");
    }

    public Path certificate(String name) {
        return dir.resolve(name + "-cert.pem");
    }

    public Path privateKey(String name) {
        return dir.resolve(name + "-key.pem");
    }

    public Path trustedPem(String bundle) {
        return dir.resolve(bundle + ".pem");
    }

    public Path trustStore(String bundle) {
        return dir.resolve(bundle + ".p12");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
