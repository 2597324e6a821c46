package io.zkinfer.server.access;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A netty server on loopback with the credentials {@link TlsSettings} makes from a self-signed certificate. */
class TlsSettingsTest {

    @TempDir
    static Path directory;
    private static SelfSignedCertificate certificate;
    private static Server server;

    @BeforeAll
    static void startTlsServer() throws IOException {
        certificate = SelfSignedCertificate.create(directory);
        TlsSettings tls = TlsSettings.of(certificate.certificate(), certificate.privateKey());
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), tls.serverCredentials())
                .addService(new HealthStatusManager().getHealthService())
                .build().start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static HealthCheckResponse check(ChannelCredentials credentials) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), credentials)
                .overrideAuthority("localhost").build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientThatTrustsTheCertificateGetsThrough() throws Exception {
        ChannelCredentials trusting = TlsChannelCredentials.newBuilder()
                .trustManager(certificate.certificate().toFile()).build();
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, check(trusting).getStatus());
    }

    @Test
    void aPlaintextClientIsRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> check(InsecureChannelCredentials.create()));
        assertNotEquals(io.grpc.Status.Code.OK, e.getStatus().getCode());
        assertNotEquals(io.grpc.Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(), "refused, not left hanging");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> check(TlsChannelCredentials.create()));
        assertEquals(io.grpc.Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void withoutFilesThePortIsPlaintext() {
        TlsSettings none = TlsSettings.fromOptional(Optional.empty(), Optional.empty());
        assertFalse(none.enabled());
        assertInstanceOf(InsecureServerCredentials.class, none.serverCredentials());
        assertEquals("plaintext", none.toString());
        TlsSettings both = TlsSettings.fromOptional(Optional.of(certificate.certificate()),
                Optional.of(certificate.privateKey()));
        assertTrue(both.enabled());
        assertInstanceOf(TlsServerCredentials.class, both.serverCredentials());
    }

    @Test
    void aMissingOrUnusableFileIsNamed(@TempDir Path other) throws IOException {
        Path missing = other.resolve("missing.crt");
        String noFile = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.of(missing, certificate.privateKey()).serverCredentials()).getMessage();
        assertEquals("TLS certificate chain file " + missing + " does not exist or is not a file; give the path of "
                + "a PEM file", noFile);

        String onlyOne = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.fromOptional(Optional.of(certificate.certificate()), Optional.empty())).getMessage();
        assertTrue(onlyOne.contains("certificate chain " + certificate.certificate()) && onlyOne.contains("no private key"),
                onlyOne);

        Path notPem = Files.writeString(other.resolve("key.der"), "not a key");
        String badKey = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.of(certificate.certificate(), notPem).serverCredentials()).getMessage();
        assertTrue(badKey.startsWith("TLS private key " + notPem + " holds no PKCS#8 PEM key"), badKey);

        Path pkcs1 = Files.writeString(other.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.of(certificate.certificate(), pkcs1).serverCredentials()).getMessage()
                .contains("openssl pkcs8 -topk8 -nocrypt"));

        String keyAsChain = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.of(certificate.privateKey(), certificate.privateKey()).serverCredentials()).getMessage();
        assertTrue(keyAsChain.startsWith("TLS certificate chain " + certificate.privateKey() + " holds no PEM certificate"),
                keyAsChain);
    }
}
