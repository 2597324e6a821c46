/**
 * Who may call what: API keys (stored only as hashes), the {@link io.zkinfer.server.access.Caller} each call runs
 * as, per-model allow-lists and plan rules, and rate limits per key.
 */
package io.zkinfer.server.access;
