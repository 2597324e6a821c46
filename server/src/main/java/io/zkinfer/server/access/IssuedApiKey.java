package io.zkinfer.server.access;

import java.util.Objects;

/**
 * A key just issued: its metadata and the plaintext to hand to its holder. The plaintext exists only here; the node
 * keeps a hash of its secret, so it cannot be shown again. {@link #toString()} leaves it out, so logging this value
 * leaks nothing.
 */
public record IssuedApiKey(ApiKey key, String plaintext) {

    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", plaintext=(shown once, not printed)]";
    }
}
