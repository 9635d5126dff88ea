package org.udre.connectors.tsi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS as the TSI does it: certificates in both directions on every connection; the TSI is TLS server on its port and
 * TLS client on its call-backs, the UNICORE/X side the other way round. Host names are not checked (the TSI calls back
 * to an address, not a name); trust comes only from the configured trusted certificates.
 *
 * @param context our key and certificate plus the certificates we trust
 */
public record TlsSettings(SSLContext context) {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    public TlsSettings {
        if (context == null) {
            throw new IllegalArgumentException("TLS settings need an SSLContext");
        }
    }

    /**
     * From PEM files as the TSI's own configuration uses them ({@code tsi.certificate}, {@code tsi.keystore},
     * {@code tsi.truststore}).
     *
     * @param certificateChain our certificate, optionally followed by its issuers
     * @param privateKey       PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
     *                         encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}, then keyPassword is needed)
     * @param keyPassword      null for an unencrypted key
     * @param trusted          the certificates (usually a CA) whose holders we accept as peers
     */
    public static TlsSettings fromPem(Path certificateChain, Path privateKey, char[] keyPassword, Path trusted) {
        try {
            List<Certificate> chain = certificates(certificateChain);
            PrivateKey key = privateKey(privateKey, keyPassword);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("key", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(trusted)) {
                trust.setCertificateEntry("trusted-" + i++, c);
            }
            return new TlsSettings(context(keys, IN_MEMORY, trust));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build TLS settings from " + certificateChain + ", " + privateKey
                    + " and " + trusted + ": " + e.getMessage(), e);
        }
    }

    /** From a key store (PKCS12 or JKS, with one key entry) and a trust store of trusted certificates. */
    public static TlsSettings fromKeyStore(Path keyStore, char[] password, Path trustStore, char[] trustPassword) {
        try {
            return new TlsSettings(context(load(keyStore, password), password, load(trustStore, trustPassword)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build TLS settings from " + keyStore + " and " + trustStore + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password);
            return store;
        }
    }

    private static SSLContext context(KeyStore keys, char[] keyPassword, KeyStore trust) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, keyPassword);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<Certificate> list = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (list.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return list;
        }
    }

    private static PrivateKey privateKey(Path pem, char[] password) throws IOException, GeneralSecurityException {
        Matcher m = PEM.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Pkcs8.wrapRsa(der)));
                case "ENCRYPTED PRIVATE KEY":
                    if (password == null) {
                        throw new GeneralSecurityException("the key in " + pem + " is encrypted and no password was given");
                    }
                    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
                    SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
                    Cipher cipher = Cipher.getInstance(info.getAlgName());
                    cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
                    return pkcs8(info.getKeySpec(cipher).getEncoded());
                default:
                    // other blocks (e.g. a certificate in the same file) are skipped
            }
        }
        throw new GeneralSecurityException("no PRIVATE KEY, RSA PRIVATE KEY or ENCRYPTED PRIVATE KEY block in " + pem);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key type", last);
    }

    /** Just enough DER to turn an RSA PKCS#1 key into the PKCS#8 form the JDK reads. */
    private static final class Pkcs8 {
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

        static byte[] wrapRsa(byte[] pkcs1) {
            byte[] version = {0x02, 0x01, 0x00};
            byte[] octets = tlv(0x04, pkcs1);
            byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
            System.arraycopy(version, 0, body, 0, version.length);
            System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
            System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
            return tlv(0x30, body);
        }

        private static byte[] tlv(int tag, byte[] value) {
            int n = value.length;
            byte[] length = n < 0x80 ? new byte[] {(byte) n}
                    : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                    : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                    : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
            byte[] out = new byte[1 + length.length + n];
            out[0] = (byte) tag;
            System.arraycopy(length, 0, out, 1, length.length);
            System.arraycopy(value, 0, out, 1 + length.length, n);
            return out;
        }
    }
}
