package io.zkinfer.server.observe;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The RPC duration and request series of one gRPC method, one pair per status code, looked up once and kept, so that
 * recording a call costs an array read, a histogram observation and a counter increment, with no label lookup.
 */
final class RpcSeries {

    private static final Status.Code[] CODES = Status.Code.values();

    private final Histogram durations;
    private final Counter requests;
    private final String service;
    private final String method;
    private final AtomicReferenceArray<DistributionDataPoint> durationByCode =
            new AtomicReferenceArray<>(CODES.length);
    private final AtomicReferenceArray<CounterDataPoint> requestsByCode = new AtomicReferenceArray<>(CODES.length);

    RpcSeries(Histogram durations, Counter requests, String service, String method) {
        this.durations = durations;
        this.requests = requests;
        this.service = service;
        this.method = method;
    }

    /** The series of {@code fullMethodName} ({@code package.Service/Method}). */
    static RpcSeries of(Histogram durations, Counter requests, String fullMethodName) {
        String service = MethodDescriptor.extractFullServiceName(fullMethodName);
        String method = MethodDescriptor.extractBareMethodName(fullMethodName);
        return new RpcSeries(durations, requests, service == null ? "" : service,
                method == null ? fullMethodName : method);
    }

    /** Records one call that ended with {@code code} after {@code nanos}. */
    void record(Status.Code code, long nanos) {
        int i = code.ordinal();
        DistributionDataPoint duration = durationByCode.get(i);
        CounterDataPoint count = requestsByCode.get(i);
        if (duration == null || count == null) {
            // labelValues returns the one data point of these labels, so racing threads store the same objects
            duration = durations.labelValues(service, method, code.name());
            count = requests.labelValues(service, method, code.name());
            durationByCode.set(i, duration);
            requestsByCode.set(i, count);
        }
        duration.observe(nanos / 1e9);
        count.inc();
    }
}
