package io.zkinfer.server.grpc;

import io.grpc.Status;
import java.util.Objects;

/**
 * A refusal from the node's own services (registry, runtime, proof jobs) with the status code it means; the message is
 * written for the caller and names the problem and what to do. Nothing was changed.
 */
public class ServiceException extends RuntimeException {

    private final Status.Code code;

    public ServiceException(Status.Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Status.Code code() {
        return code;
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Status.Code.NOT_FOUND, message);
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(Status.Code.INVALID_ARGUMENT, message);
    }

    public static ServiceException precondition(String message) {
        return new ServiceException(Status.Code.FAILED_PRECONDITION, message);
    }

    public static ServiceException denied(String message) {
        return new ServiceException(Status.Code.PERMISSION_DENIED, message);
    }

    public static ServiceException exhausted(String message) {
        return new ServiceException(Status.Code.RESOURCE_EXHAUSTED, message);
    }

    public static ServiceException unavailable(String message) {
        return new ServiceException(Status.Code.UNAVAILABLE, message);
    }
}
