/**
 * The client side of zkinfer's gRPC API ({@code zkinfer.v1}): the metadata names that carry API
 * keys ({@link io.zkinfer.api.ApiMetadata}) and a thin client ({@link io.zkinfer.api.ZkinferClient})
 * over the stubs generated into {@code io.zkinfer.api.v1}.
 *
 * <p>The protocol is gRPC over HTTP/2 (<a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">PROTOCOL-HTTP2</a>);
 * the messages, services and status codes are specified, with a comment on every element, in
 * {@code zkinfer/v1/*.proto}, packaged with a descriptor set at {@code zkinfer/v1/api.desc}.
 */
package io.zkinfer.api;
