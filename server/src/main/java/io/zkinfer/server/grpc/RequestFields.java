package io.zkinfer.server.grpc;

import com.google.protobuf.Timestamp;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The checks of request fields the billing RPCs share. Each refusal is an {@link IllegalArgumentException}
 * (INVALID_ARGUMENT) whose message names the field and says what to send.
 */
final class RequestFields {

    /** Longest idempotency key: a UUID is 36 characters; keys are scoped by account within the ledger's 200. */
    static final int MAX_KEY_LENGTH = 64;
    /** Longest free-text field (a reference, a destination). */
    static final int MAX_TEXT_LENGTH = 200;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private RequestFields() {
    }

    /**
     * The ledger's key for the caller's {@code idempotency_key}: keys are the caller's own, so one account's keys never
     * meet another's. Required: 1 to 64 printable ASCII characters.
     */
    static String idempotencyKey(Caller caller, String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("idempotency_key is required: send a fresh UUID per call and the same one on its retries");
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("idempotency_key must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces, e.g. a UUID");
        }
        return caller.accountId() + "/" + key;
    }

    /** The account id in {@code field}: required, in the ledger's form. */
    static String accountId(String value, String field) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            LedgerAccount.clientAvailable(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an account id: 1 to 128 letters, digits, '.', '_', "
                    + "'@' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** The amount in {@code field}: required, more than zero, in the node's coin. */
    static Money positiveAmount(boolean present, io.zkinfer.api.v1.Money amount, String field) {
        if (!present) {
            throw new IllegalArgumentException(field + " is required: minor units of " + BillingProtos.COIN.code());
        }
        return BillingProtos.positiveAmount(amount, field);
    }

    /** The free text in {@code field}: at most 200 characters, no control characters; required when {@code required}. */
    static String text(String value, String field, boolean required) {
        if (required && value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > MAX_TEXT_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT_LENGTH + " characters without control characters");
        }
        return value;
    }

    /** The model id of the ModelRef in {@code field}: the ref and its model_id are required; its version is 0 or more. */
    static String modelId(boolean present, ModelRef ref, String field) {
        if (!present || ref.getModelId().isEmpty()) {
            throw new IllegalArgumentException(field + ".model_id is required");
        }
        if (ref.getVersion() < 0) {
            throw new IllegalArgumentException(field + ".version is " + ref.getVersion() + "; give 1 or more, or 0 for the active version");
        }
        return ref.getModelId();
    }

    /** The page size in {@code page_size}: 1 to 1000, 0 meaning 100. */
    static int pageSize(int value) {
        if (value == 0) {
            return DEFAULT_PAGE_SIZE;
        }
        if (value < 0 || value > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page_size is " + value + "; give 1 to " + MAX_PAGE_SIZE + " (0 means " + DEFAULT_PAGE_SIZE + ")");
        }
        return value;
    }

    /**
     * The period {@code [from, to)} of a report request at {@code now}: an unset {@code from} is the start of the
     * current calendar month (UTC), an unset {@code to}, or one later than now, is now (everything written so far).
     */
    static Period period(boolean hasFrom, Timestamp from, boolean hasTo, Timestamp to, Instant now) {
        Instant soFar = Instant.ofEpochMilli(now.toEpochMilli() + 1);
        Instant start = hasFrom ? BillingProtos.instant(from, "from")
                : YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = hasTo ? BillingProtos.instant(to, "to") : soFar;
        if (end.isAfter(soFar)) {
            end = soFar;
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the period from " + start + " to " + end + " is empty; 'from' must be before 'to' "
                    + "(an unset 'to', or one in the future, is now)");
        }
        return new Period(start, end);
    }

    /** A request's timestamp field as it was sent, for a page token's request digest. */
    static String sent(boolean present, Timestamp at) {
        return present ? at.getSeconds() + "." + at.getNanos() : "-";
    }

    /** A report's period, {@code [from, to)}. */
    record Period(Instant from, Instant to) {

        /** The period carried in a page token's first two fields. */
        static Period parse(String from, String to) {
            try {
                return new Period(Instant.parse(from), Instant.parse(to));
            } catch (java.time.DateTimeException e) {
                throw PageToken.refused();
            }
        }
    }
}
