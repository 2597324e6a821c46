/**
 * The gRPC face of the node: one service class per {@code zkinfer.v1} service, each translating messages to the
 * domain classes of {@code billing}, {@code registry} and {@code runtime} and back, with every failure mapped to a
 * status by {@link io.zkinfer.server.grpc.Failures}.
 */
package io.zkinfer.server.grpc;
