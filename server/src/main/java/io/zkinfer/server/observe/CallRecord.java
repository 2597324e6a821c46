package io.zkinfer.server.observe;

/**
 * What the node knows about one gRPC call for its log line: the request id, the method, and the account it runs as
 * once authentication names it (written by another interceptor, possibly on another thread, hence volatile).
 */
final class CallRecord {

    final String requestId;
    final String fullMethodName;
    volatile String accountId;

    CallRecord(String requestId, String fullMethodName) {
        this.requestId = requestId;
        this.fullMethodName = fullMethodName;
    }
}
