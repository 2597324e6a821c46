/**
 * Who may call what. {@link io.zkinfer.server.access.ApiKeys} issues API keys ({@code zk_<key id>_<secret>}, a
 * 256-bit secret of which only a SHA-256 is stored) and authenticates them;
 * {@link io.zkinfer.server.access.AuthInterceptor} runs every gRPC call as the {@link io.zkinfer.server.access.Caller}
 * its key stands for, within the key's rate limit; {@link io.zkinfer.server.access.ModelAccess} holds a model's
 * allow-list and plan rules; {@link io.zkinfer.server.access.RateLimiter} keeps token buckets in the form of the
 * generic cell rate algorithm (ITU-T I.371); {@link io.zkinfer.server.access.TlsSettings} turns TLS on for the port.
 */
package io.zkinfer.server.access;
