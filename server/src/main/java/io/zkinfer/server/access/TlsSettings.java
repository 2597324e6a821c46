package io.zkinfer.server.access;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the node's gRPC port speaks TLS, and with which certificate: a PEM certificate chain (the server's
 * certificate first) and its PEM private key in unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). Without them the
 * port is plaintext, which is only for loopback or a network that terminates TLS in front of the node, since API
 * keys travel in the metadata of every call.
 */
public final class TlsSettings {

    private final Path certificateChain;
    private final Path privateKey;

    private TlsSettings(Path certificateChain, Path privateKey) {
        this.certificateChain = certificateChain;
        this.privateKey = privateKey;
    }

    /** Plaintext: no TLS. */
    public static TlsSettings plaintext() {
        return new TlsSettings(null, null);
    }

    /** TLS with the PEM certificate chain and private key in these files (read when credentials are made). */
    public static TlsSettings of(Path certificateChain, Path privateKey) {
        if (certificateChain == null || privateKey == null) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and a private key file; got "
                    + (certificateChain == null ? "no certificate chain" : "certificate chain " + certificateChain)
                    + " and " + (privateKey == null ? "no private key" : "private key " + privateKey)
                    + "; give both, or neither to serve plaintext");
        }
        return new TlsSettings(certificateChain, privateKey);
    }

    /** From optional settings, e.g. command-line options: both given is TLS, neither is plaintext, one alone an error. */
    public static TlsSettings fromOptional(Optional<Path> certificateChain, Optional<Path> privateKey) {
        if (certificateChain.isEmpty() && privateKey.isEmpty()) {
            return plaintext();
        }
        return of(certificateChain.orElse(null), privateKey.orElse(null));
    }

    /** Whether the port speaks TLS. */
    public boolean enabled() {
        return certificateChain != null;
    }

    /** The certificate chain file, when TLS is on. */
    public Optional<Path> certificateChain() {
        return Optional.ofNullable(certificateChain);
    }

    /** The private key file, when TLS is on. */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /**
     * The credentials to build the server with: TLS from the two files, or plaintext. Refuses, naming the file and
     * the fix, when a file is missing, unreadable or holds no PEM of the expected kind.
     */
    public ServerCredentials serverCredentials() {
        if (!enabled()) {
            return InsecureServerCredentials.create();
        }
        String chain = readPem("certificate chain", certificateChain);
        if (!chain.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("TLS certificate chain " + certificateChain
                    + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the server's certificate, "
                    + "then its intermediates, in PEM");
        }
        String key = readPem("private key", privateKey);
        if (key.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("TLS private key " + privateKey + " is encrypted; the node needs it "
                    + "unencrypted (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8) and readable only by itself");
        }
        if (!key.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("TLS private key " + privateKey + " holds no PKCS#8 PEM key "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        try {
            return TlsServerCredentials.create(certificateChain.toFile(), privateKey.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use TLS certificate chain " + certificateChain
                    + " with private key " + privateKey + ": " + e.getMessage(), e);
        }
    }

    private static String readPem(String what, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TLS " + what + " file " + file + " does not exist or is not a file; "
                    + "give the path of a PEM file");
        }
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read TLS " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return enabled() ? "TLS (certificate chain " + certificateChain + ", private key " + privateKey + ")"
                : "plaintext";
    }
}
