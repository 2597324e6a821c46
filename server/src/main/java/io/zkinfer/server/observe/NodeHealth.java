package io.zkinfer.server.observe;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import java.util.List;
import java.util.Objects;

/**
 * The node's answers to the standard gRPC health checking protocol ({@code grpc.health.v1.Health}): one status for
 * the node as a whole (the empty service name) and one per {@code zkinfer.v1} service. Everything starts
 * NOT_SERVING, so a load balancer sends nothing before start-up finishes; {@link #enterDrain()} at shutdown turns
 * everything NOT_SERVING for good, so traffic moves away while calls in flight finish.
 */
public final class NodeHealth {

    /** The health service name of the node as a whole. */
    public static final String NODE = HealthStatusManager.SERVICE_NAME_ALL_SERVICES;

    /** The fully qualified names of the node's {@code zkinfer.v1} services. */
    public static final List<String> SERVICES = List.of(ModelServiceGrpc.SERVICE_NAME,
            InferenceServiceGrpc.SERVICE_NAME, VerificationServiceGrpc.SERVICE_NAME, BillingServiceGrpc.SERVICE_NAME,
            DiagnosticsServiceGrpc.SERVICE_NAME);

    private final HealthStatusManager manager = new HealthStatusManager();
    private volatile boolean draining;

    /** The node and every service NOT_SERVING. */
    public NodeHealth() {
        manager.setStatus(NODE, ServingStatus.NOT_SERVING);
        for (String service : SERVICES) {
            manager.setStatus(service, ServingStatus.NOT_SERVING);
        }
    }

    /** The {@code grpc.health.v1.Health} service to add to the server. */
    public BindableService service() {
        return manager.getHealthService();
    }

    /** Marks the node as a whole SERVING or NOT_SERVING; ignored once draining. */
    public void setNodeServing(boolean serving) {
        setServing(NODE, serving);
    }

    /** Marks {@code service} (a fully qualified name, e.g. {@code zkinfer.v1.InferenceService}); ignored once draining. */
    public void setServing(String service, boolean serving) {
        Objects.requireNonNull(service, "service");
        if (!draining) {
            manager.setStatus(service, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        }
    }

    /** Marks the node and every {@code zkinfer.v1} service SERVING, once start-up is done; ignored once draining. */
    public void markAllServing() {
        for (String service : SERVICES) {
            setServing(service, true);
        }
        setNodeServing(true);
    }

    /**
     * Starts shutting down: the node and every service NOT_SERVING, and no later change takes effect. Watchers
     * ({@code Health.Watch}) hear it at once.
     */
    public void enterDrain() {
        draining = true;
        manager.enterTerminalState();
    }

    /** Whether {@link #enterDrain()} was called. */
    public boolean draining() {
        return draining;
    }
}
