package io.zkinfer.server.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node knows about an issued API key, without its secret: the public key id, the account it acts for,
 * whether that account is an operator, the holder's label, when it was issued and, once revoked, when.
 */
public record ApiKey(String keyId, String accountId, boolean operator, String label, Instant created,
                     Optional<Instant> revoked) {

    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(revoked, "revoked");
    }

    /** Whether the key still authenticates. */
    public boolean active() {
        return revoked.isEmpty();
    }

    /** The {@link Caller} a call made with this key runs as. */
    public Caller caller() {
        return new Caller(accountId, keyId, operator);
    }
}
