package io.needleguard.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throw-away PKI made with openssl for TLS tests: a CA, a broker certificate for localhost and
 * 127.0.0.1 signed by it, a client certificate, and a second CA that signed nothing the broker uses
 * (the "wrong CA").
 */
public record TestCertificates(
        Path caCertificate,
        Path serverCertificate,
        Path serverKey,
        Path clientCertificate,
        Path clientKey,
        Path otherCaCertificate) {

    public static TestCertificates create(Path dir) throws IOException {
        Files.createDirectories(dir);
        ca(dir, "ca");
        ca(dir, "other-ca");
        signed(dir, "server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        signed(dir, "client", "needleguard-test", "extendedKeyUsage=clientAuth");
        return new TestCertificates(
                dir.resolve("ca.crt"),
                dir.resolve("server.crt"),
                dir.resolve("server.key"),
                dir.resolve("client.crt"),
                dir.resolve("client.key"),
                dir.resolve("other-ca.crt"));
    }

    private static void ca(Path dir, String name) throws IOException {
        Mosquitto.run(List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=needleguard test " + name,
                "-keyout",
                dir.resolve(name + ".key").toString(),
                "-out",
                dir.resolve(name + ".crt").toString()));
    }

    private static void signed(Path dir, String name, String commonName, String extension) throws IOException {
        Mosquitto.run(List.of(
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=" + commonName,
                "-keyout",
                dir.resolve(name + ".key").toString(),
                "-out",
                dir.resolve(name + ".csr").toString()));
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extension + "\n");
        Mosquitto.run(List.of(
                "openssl",
                "x509",
                "-req",
                "-days",
                "2",
                "-in",
                dir.resolve(name + ".csr").toString(),
                "-CA",
                dir.resolve("ca.crt").toString(),
                "-CAkey",
                dir.resolve("ca.key").toString(),
                "-CAcreateserial",
                "-extfile",
                ext.toString(),
                "-out",
                dir.resolve(name + ".crt").toString()));
    }
}
