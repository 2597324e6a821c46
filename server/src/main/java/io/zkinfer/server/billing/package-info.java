/**
 * Billing for zkinfer calls: money as integer minor units ({@link io.zkinfer.server.billing.Money}), the dynamic price
 * ({@link io.zkinfer.server.billing.Pricing}: base × demand × (1 + quality bonus) × (1 − volume discount) ×
 * time of day, in basis points, rounded once half up), the developer/platform
 * {@link io.zkinfer.server.billing.Split}, plans ({@link io.zkinfer.server.billing.Plan}), and
 * {@link io.zkinfer.server.billing.Billing}, a double-entry ledger (each transaction's postings sum to zero, as in
 * Pacioli's bookkeeping and every payments ledger since) with idempotency keys on every charging call, holds that
 * settle only with a {@link io.zkinfer.server.billing.ProofVerification}, and receipts signed with Ed25519
 * (RFC 8032) that anyone can check offline ({@link io.zkinfer.server.billing.ReceiptVerifier}).
 */
package io.zkinfer.server.billing;
