package io.needleguard.mqtt.transport;

import io.needleguard.mqtt.MqttSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for {@code ssl://} brokers: the system's trust store or the CA file
 * given, and a client certificate if configured. There is deliberately no way to trust any
 * certificate: a gateway of health data talks only to the broker it can verify.
 */
public final class TlsContext {

    private TlsContext() {}

    public static SSLSocketFactory socketFactory(MqttSettings.Tls tls) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.caFile().isPresent()) {
            KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
            cas.load(null, null);
            List<Certificate> certificates = certificates(tls.caFile().get());
            for (int i = 0; i < certificates.size(); i++) {
                cas.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            trust.init(cas);
        } else {
            trust.init((KeyStore) null);
        }
        KeyManagerFactory keys = null;
        if (tls.clientCertFile().isPresent()) {
            Path keyFile = tls.clientKeyFile()
                    .orElseThrow(() -> new IOException(
                            "a client certificate needs its private key: set mqtt.tls.client-key-file"));
            List<Certificate> chain = certificates(tls.clientCertFile().get());
            PrivateKey key = privateKey(keyFile, chain.get(0));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            char[] transientPassword = new char[0];
            store.setKeyEntry("client", key, transientPassword, chain.toArray(Certificate[]::new));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, transientPassword);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
        if (read.isEmpty()) {
            throw new IOException(pem + " holds no PEM certificate");
        }
        return new ArrayList<>(read);
    }

    /** A PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC, as the certificate's public key is. */
    private static PrivateKey privateKey(Path pem, Certificate certificate)
            throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IOException(pem + " is not a PKCS#8 PEM private key; convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW'");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        String algorithm = certificate.getPublicKey().getAlgorithm();
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
