package io.zkinfer.server.billing;

import java.time.Instant;

/**
 * A quote that binds: calls of {@code client} that name it pay {@code quote}'s price, whatever the price in force,
 * as long as they are for its model version and proven-ness, come before {@code validUntil}, and it has calls left.
 *
 * @param quoteId      its id
 * @param client       the account it was made for
 * @param modelId      the model
 * @param modelVersion the model version priced
 * @param proven       whether it prices proven calls (or unproven ones)
 * @param quote        the price and its components
 * @param calls        how many calls it covers
 * @param used         how many calls used it so far
 * @param validUntil   the first instant it no longer holds
 */
public record BindingQuote(String quoteId, String client, String modelId, String modelVersion, boolean proven,
                           Quote quote, long calls, long used, Instant validUntil) {

    public BindingQuote {
        if (calls < 1 || used < 0 || used > calls) {
            throw new IllegalArgumentException("a quote covers 1 or more calls and uses at most those, not " + used
                    + " of " + calls);
        }
    }

    /** Checks that a call of {@code request}, proven or not, at {@code now} may pay this quote's price. */
    void requireUsableFor(CallRequest request, boolean provenCall, Instant now) {
        String what = "quote '" + quoteId + "' ";
        if (!client.equals(request.client())) {
            throw new BillingException(what + "was made for another account; ask for a quote of your own");
        }
        if (!modelId.equals(request.modelId()) || !modelVersion.equals(request.modelVersion())) {
            throw new BillingException(what + "prices model '" + modelId + "' version " + modelVersion + ", not '"
                    + request.modelId() + "' version " + request.modelVersion() + "; ask for a quote of that version");
        }
        if (proven != provenCall) {
            throw new BillingException(what + "prices " + (proven ? "proven" : "unproven") + " calls; ask for one with"
                    + " prove " + (provenCall ? "on" : "off"));
        }
        if (!now.isBefore(validUntil)) {
            throw new BillingException(what + "expired at " + validUntil + "; ask for a new one");
        }
        if (used >= calls) {
            throw new BillingException(what + "covered " + calls + " call" + (calls == 1 ? "" : "s")
                    + ", all used; ask for a new one");
        }
    }
}
