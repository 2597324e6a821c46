/**
 * Persistence over JDBC: an embedded SQLite file by default (WAL mode, busy timeout, one in-process writer) and
 * PostgreSQL by configuration, with one schema for both managed by numbered migrations
 * ({@link io.zkinfer.server.store.Migrations}); the ledger's statements ({@link io.zkinfer.server.store.LedgerSession})
 * run one database transaction at a time, so a failure leaves nothing written. The only dialect difference lives in
 * {@link io.zkinfer.server.store.Dialect}.
 */
package io.zkinfer.server.store;
