package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.UsageRecord;
import io.zkinfer.api.v1.UsageRequest;
import io.zkinfer.api.v1.UsageResponse;
import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.PricingPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.zkinfer.server.grpc.BillingGrpcFixture.DEVELOPER;
import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.key;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageRpcTest {

    private static final String OTHER = "other";
    private static final UsageRecord MNIST_1 = record(MODEL, 1, 2, 0, 0, 2_000_006);
    /** One unproven call, one proven and settled, one released; one still held counts nowhere. */
    private static final UsageRecord MNIST_2 = record(MODEL, 2, 1, 1, 1, 2_000_006);
    private static final UsageRecord OTHER_1 = record(OTHER, 1, 1, 0, 0, 2_000_000);

    @TempDir
    Path dir;
    BillingGrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BillingGrpcFixture(dir);
        f.prices.set(PricingPolicy.flat(OTHER, DEVELOPER, Money.zkc(2_000_000)));
        f.funded("alice", 20_000_000);
        f.charge("alice", MODEL, 1);
        f.charge("alice", MODEL, 1);
        f.clock.advance(Duration.ofHours(1));
        f.charge("alice", MODEL, 2);
        f.settle(f.hold("alice", 2));
        Call released = f.hold("alice", 2);
        f.billing.release(key(), released.callId(), "proving failed");
        f.hold("alice", 2);
        f.clock.advance(Duration.ofHours(1));
        f.charge("alice", OTHER, 1);
        f.clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static UsageRecord record(String model, long version, long calls, long proven, long failed, long charged) {
        return UsageRecord.newBuilder().setModel(ModelRef.newBuilder().setModelId(model).setVersion(version)).setCalls(calls)
                .setProvenCalls(proven).setFailedCalls(failed).setCharged(zkc(charged)).build();
    }

    private static ModelRef model(String id, long version) {
        return ModelRef.newBuilder().setModelId(id).setVersion(version).build();
    }

    @Test
    void callsAndChargesPerModelVersionForTheCurrentMonthByDefault() {
        UsageResponse r = f.as("alice").usage(UsageRequest.getDefaultInstance());
        assertEquals(List.of(MNIST_1, MNIST_2, OTHER_1), r.getRecordsList());
        assertEquals(zkc(6_000_012), r.getTotalCharged());
        assertEquals("", r.getNextPageToken());
    }

    @Test
    void pagesFollowTheirTokensAndEachCarriesThePeriodsTotal() {
        List<UsageRecord> seen = new ArrayList<>();
        UsageRequest.Builder request = UsageRequest.newBuilder().setPageSize(1);
        int pages = 0;
        do {
            UsageResponse page = f.as("alice").usage(request.build());
            assertEquals(1, page.getRecordsCount());
            assertEquals(zkc(6_000_012), page.getTotalCharged());
            seen.addAll(page.getRecordsList());
            request.setPageToken(page.getNextPageToken());
            pages++;
            assertTrue(pages <= 3, "paging ends after the three records");
            // A call made later, while paging, lies outside the period the first page fixed.
            f.clock.advance(Duration.ofSeconds(1));
            f.charge("alice", MODEL, 1);
        } while (!request.getPageToken().isEmpty());
        assertEquals(3, pages);
        assertEquals(List.of(MNIST_1, MNIST_2, OTHER_1), seen);
    }

    @Test
    void aModelOrOneOfItsVersionsNarrowsTheReport() {
        UsageResponse mnist = f.as("alice").usage(UsageRequest.newBuilder().setModel(model(MODEL, 0)).build());
        assertEquals(List.of(MNIST_1, MNIST_2), mnist.getRecordsList());
        assertEquals(zkc(4_000_012), mnist.getTotalCharged());
        UsageResponse v2 = f.as("alice").usage(UsageRequest.newBuilder().setModel(model(MODEL, 2)).build());
        assertEquals(List.of(MNIST_2), v2.getRecordsList());
    }

    @Test
    void thePeriodBoundsTheCalls() {
        Instant start = BillingGrpcFixture.START;
        UsageResponse second = f.as("alice").usage(UsageRequest.newBuilder()
                .setFrom(BillingProtos.toProto(start.plus(Duration.ofHours(1))))
                .setTo(BillingProtos.toProto(start.plus(Duration.ofHours(2)))).build());
        assertEquals(List.of(MNIST_2), second.getRecordsList());
        UsageResponse none = f.as("bob").usage(UsageRequest.getDefaultInstance());
        assertTrue(none.getRecordsList().isEmpty());
        assertEquals(zkc(0), none.getTotalCharged());
        refused(Status.Code.INVALID_ARGUMENT, "is empty", () -> f.as("alice").usage(UsageRequest.newBuilder()
                .setFrom(BillingProtos.toProto(start.plus(Duration.ofDays(30)))).build()));
        refused(Status.Code.INVALID_ARGUMENT, "from (", () -> f.as("alice").usage(UsageRequest.newBuilder()
                .setFrom(com.google.protobuf.Timestamp.newBuilder().setNanos(-1)).build()));
    }

    @Test
    void badPagingAndForeignAccountsAreRefused() {
        refused(Status.Code.INVALID_ARGUMENT, "page_size is 1001", () -> f.as("alice").usage(UsageRequest.newBuilder().setPageSize(1001).build()));
        refused(Status.Code.INVALID_ARGUMENT, "page_size is -1", () -> f.as("alice").usage(UsageRequest.newBuilder().setPageSize(-1).build()));
        refused(Status.Code.INVALID_ARGUMENT, "page_token is not a token", () -> f.as("alice").usage(UsageRequest.newBuilder()
                .setPageToken("not a token!").build()));
        String token = f.as("alice").usage(UsageRequest.newBuilder().setPageSize(1).build()).getNextPageToken();
        assertFalse(token.isEmpty());
        refused(Status.Code.INVALID_ARGUMENT, "other parameters", () -> f.as("alice").usage(UsageRequest.newBuilder()
                .setPageToken(token).setModel(model(MODEL, 0)).build()));
        refused(Status.Code.INVALID_ARGUMENT, "other parameters", () -> f.operator("ops").usage(UsageRequest.newBuilder()
                .setAccountId("bob").setPageToken(token).build()));
        refused(Status.Code.INVALID_ARGUMENT, "model.model_id is required", () -> f.as("alice").usage(UsageRequest.newBuilder()
                .setModel(model("", 1)).build()));
        refused(Status.Code.PERMISSION_DENIED, "of its own only", () -> f.as("bob").usage(UsageRequest.newBuilder().setAccountId("alice").build()));
        assertEquals(3, f.operator("ops").usage(UsageRequest.newBuilder().setAccountId("alice").build()).getRecordsCount());
    }
}
