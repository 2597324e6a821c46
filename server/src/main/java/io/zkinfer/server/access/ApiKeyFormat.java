package io.zkinfer.server.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The text form of an API key, {@code zk_<key id>_<secret>}: a 12-character key id over {@code [a-z0-9]} (about 62
 * bits, public: it names the key in listings and logs) and a 32-byte secret from {@link SecureRandom} in unpadded
 * base64url (43 characters, which may themselves hold {@code _} or {@code -}; the parts are found by position).
 */
final class ApiKeyFormat {

    static final String PREFIX = "zk_";
    static final int KEY_ID_LENGTH = 12;
    static final int SECRET_BYTES = 32;
    private static final int SECRET_CHARS = 43;
    private static final int LENGTH = PREFIX.length() + KEY_ID_LENGTH + 1 + SECRET_CHARS;
    private static final String KEY_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A key as presented by a caller, split into its public id and its secret bytes. */
    record Parsed(String keyId, byte[] secret) {
    }

    private ApiKeyFormat() {
    }

    static String newKeyId(SecureRandom random) {
        char[] id = new char[KEY_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = KEY_ID_ALPHABET.charAt(random.nextInt(KEY_ID_ALPHABET.length()));
        }
        return new String(id);
    }

    static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    static String format(String keyId, byte[] secret) {
        return PREFIX + keyId + "_" + ENCODER.encodeToString(secret);
    }

    /** Whether {@code keyId} has the form this class issues. */
    static boolean isKeyId(String keyId) {
        if (keyId == null || keyId.length() != KEY_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < keyId.length(); i++) {
            if (KEY_ID_ALPHABET.indexOf(keyId.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The parts of {@code presented}; empty when it is not a key of this form (it is then simply unknown). */
    static Optional<Parsed> parse(String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + KEY_ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String keyId = presented.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
        if (!isKeyId(keyId)) {
            return Optional.empty();
        }
        String text = presented.substring(PREFIX.length() + KEY_ID_LENGTH + 1);
        byte[] secret;
        try {
            secret = DECODER.decode(text);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Only the canonical spelling: the last character's two spare bits must be zero, so one secret has one text.
        boolean canonical = secret.length == SECRET_BYTES && ENCODER.encodeToString(secret).equals(text);
        return canonical ? Optional.of(new Parsed(keyId, secret)) : Optional.empty();
    }

    /**
     * SHA-256 of {@code bytes}. A plain hash is enough for a secret of 256 random bits: there is nothing to guess, so
     * the slow, salted hashes meant for low-entropy passwords would only add work to every authentication.
     */
    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
