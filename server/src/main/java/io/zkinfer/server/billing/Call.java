package io.zkinfer.server.billing;

import java.time.Instant;

/**
 * One metered inference call as billing sees it. An unproven call is {@link State#CHARGED} at once; a proven call
 * is {@link State#HELD} (its amount reserved) until its proof verifies ({@link State#SETTLED}) or proving fails or
 * times out ({@link State#RELEASED}).
 *
 * @param callId       call id
 * @param client       the paying client
 * @param modelId      the model
 * @param modelVersion the model version
 * @param inputDigest  digest of the input, as the client sent it
 * @param proven       whether a proof was asked for
 * @param basis        which part of the plan paid for it
 * @param quote        the price quote at the time of the call
 * @param amount       what is charged: the quote, or zero when the plan covers the call
 * @param split        developer/platform division of {@code amount}
 * @param state        where the call stands
 * @param createdAt    when it was metered
 * @param deadline     for a held call, when an unsettled hold is released; otherwise {@code createdAt}
 * @param closedAt     when it settled or was released, or {@code null}
 * @param outputDigest digest of the verified output once settled, or {@code null}
 */
public record Call(String callId, String client, String modelId, String modelVersion, String inputDigest, boolean proven,
                   Basis basis, Quote quote, Money amount, Split split, State state, Instant createdAt, Instant deadline,
                   Instant closedAt, String outputDigest) {

    /** Where a call stands. */
    public enum State { CHARGED, HELD, SETTLED, RELEASED }

    /** What paid for a call. */
    public enum Basis {
        /** The free tier: nothing charged. */
        FREE_TIER,
        /** A call included in this month's paid subscription: nothing charged. */
        SUBSCRIPTION_INCLUDED,
        /** Charged its quote. */
        PAY_PER_CALL,
        /** Charged its quote within an enterprise quota. */
        ENTERPRISE
    }

    public Call {
        if (!split.total().equals(amount)) {
            throw new IllegalArgumentException("call " + callId + ": split does not sum to " + amount);
        }
    }

    /** The developer who earns from the call. */
    public String developerId() {
        return quote.developerId();
    }
}
