package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.api.v1.QuoteRequest;
import io.zkinfer.api.v1.QuoteResponse;
import io.zkinfer.api.v1.RoundingRule;
import io.zkinfer.server.billing.PricingPolicy;
import io.zkinfer.server.billing.QuotaExhaustedException;
import io.zkinfer.server.billing.VolumeTier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.zkinfer.server.grpc.BillingGrpcFixture.DEVELOPER;
import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.PRICE;
import static io.zkinfer.server.grpc.BillingGrpcFixture.UNPRICED;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuoteRpcTest {

    @TempDir
    Path dir;
    BillingGrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BillingGrpcFixture(dir);
        // 5 % quality bonus, 1.5× from 12:00 to 13:00 UTC, 10 % off from the second call of a month.
        List<Integer> hours = new ArrayList<>(Collections.nCopies(24, 10_000));
        hours.set(12, 15_000);
        f.prices.set(PricingPolicy.flat(MODEL, DEVELOPER, PRICE).withQualityBonusBps(500).withHourlyFactorBps(hours)
                .withVolumeTiers(List.of(new VolumeTier(1, 1_000))));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static QuoteRequest.Builder quote(String model, long version) {
        return QuoteRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(model).setVersion(version));
    }

    @Test
    void showsEveryComponentTheRoundedUnitPriceAndTheSplitOfTheTotal() {
        Instant at = Instant.parse("2026-11-28T12:30:00Z");
        QuoteResponse q = f.as("alice").quote(quote(MODEL, 0).setCalls(3).setProve(true).setAt(BillingProtos.toProto(at)).build());
        assertEquals(ModelRef.newBuilder().setModelId(MODEL).setVersion(2).build(), q.getModel(), "the active version was priced");
        assertEquals(3, q.getCalls());
        assertTrue(q.getProve());
        assertEquals(zkc(1_000_003), q.getComponents().getBase());
        assertEquals(10_000, q.getComponents().getDemandFactorBps());
        assertEquals(500, q.getComponents().getQualityBonusBps());
        assertEquals(0, q.getComponents().getVolumeDiscountBps());
        assertEquals(15_000, q.getComponents().getTimeOfDayFactorBps());
        assertEquals(RoundingRule.ROUNDING_RULE_HALF_UP, q.getComponents().getRounding());
        // 1000003 × 1.05 × 1.5 = 1575004.725, rounded half up once.
        assertEquals(zkc(1_575_005), q.getUnitPrice());
        assertEquals(zkc(4_725_015), q.getTotal());
        // 70 % of 4725015 is 3307510.5: the developer gets the floor, the platform the odd half unit's remainder.
        assertEquals(7_000, q.getSplit().getDeveloperShareBps());
        assertEquals(zkc(3_307_510), q.getSplit().getDeveloper());
        assertEquals(zkc(1_417_505), q.getSplit().getPlatform());
        assertEquals(Plan.PLAN_FREE, q.getPlan());
        assertEquals(2, q.getIncludedCallsLeft());
        assertEquals(BillingProtos.toProto(Instant.parse("2026-11-28T13:00:00Z")), q.getValidUntil());
        assertEquals("", q.getQuoteId(), "a quote of another moment is an estimate, not binding");
        assertEquals(0, f.postings(), "a quote charges nothing");
    }

    @Test
    void unsetAtMeansNowAndZeroCallsMeansOne() {
        f.clock.set(Instant.parse("2026-11-28T09:15:00Z"));
        QuoteResponse q = f.as("alice").quote(quote(MODEL, 1).build());
        assertEquals(1, q.getModel().getVersion());
        assertEquals(1, q.getCalls());
        assertEquals(10_000, q.getComponents().getTimeOfDayFactorBps());
        assertEquals(zkc(1_050_003), q.getUnitPrice(), "1000003 × 1.05 = 1050003.15 rounds down");
        assertEquals(q.getUnitPrice(), q.getTotal());
        assertFalse(q.getQuoteId().isEmpty(), "a quote of now binds: calls may name it");
        assertEquals(BillingProtos.toProto(Instant.parse("2026-11-28T09:30:00Z")), q.getValidUntil(),
                "for 15 minutes");
    }

    @Test
    void theVolumeDiscountAndQuotaLeftFollowTheCallsSoFarAndDemandIsClamped() {
        f.charge("alice", MODEL, 2);
        f.demand.set(50_000);
        QuoteResponse q = f.as("alice").quote(quote(MODEL, 0).build());
        assertEquals(1_000, q.getComponents().getVolumeDiscountBps());
        assertEquals(30_000, q.getComponents().getDemandFactorBps(), "demand clamped to the model's 3× bound");
        // 1000003 × 3 × 1.05 × 0.9 × 1.5 = 4252512.7575
        assertEquals(zkc(4_252_513), q.getUnitPrice());
        assertEquals(1, q.getIncludedCallsLeft());
        assertEquals(0, f.as("bob").quote(quote(MODEL, 0).build()).getComponents().getVolumeDiscountBps(), "bob made no calls");
    }

    @Test
    void anExhaustedFreeTierIsQuotedWithNoCallsLeftAndTheCallItselfIsRefused() {
        f.charge("alice", MODEL, 2);
        f.charge("alice", MODEL, 2);
        assertThrows(QuotaExhaustedException.class, () -> f.charge("alice", MODEL, 2));
        QuoteResponse q = f.as("alice").quote(quote(MODEL, 0).build());
        assertEquals(Plan.PLAN_FREE, q.getPlan());
        assertEquals(0, q.getIncludedCallsLeft());
        assertEquals(2, f.billing.usage("alice", MODEL, YearMonth.of(2026, 11)), "quoting counted no call");
    }

    @Test
    void anUnknownModelOrVersionIsNotFound() {
        refused(Status.Code.NOT_FOUND, "model 'resnet' is not registered", () -> f.as("alice").quote(quote("resnet", 0).build()));
        refused(Status.Code.NOT_FOUND, "model 'mnist' version 7", () -> f.as("alice").quote(quote(MODEL, 7).build()));
    }

    @Test
    void aRegisteredModelWithoutAPriceIsAFailedPrecondition() {
        refused(Status.Code.FAILED_PRECONDITION, "has no price", () -> f.as("alice").quote(quote(UNPRICED, 0).build()));
    }

    @Test
    void malformedRequestsNameTheirField() {
        refused(Status.Code.INVALID_ARGUMENT, "model.model_id is required", () -> f.as("alice").quote(QuoteRequest.getDefaultInstance()));
        refused(Status.Code.INVALID_ARGUMENT, "model.version is -1", () -> f.as("alice").quote(quote(MODEL, -1).build()));
        refused(Status.Code.INVALID_ARGUMENT, "calls is -2", () -> f.as("alice").quote(quote(MODEL, 0).setCalls(-2).build()));
        refused(Status.Code.INVALID_ARGUMENT, "at (", () -> f.as("alice").quote(quote(MODEL, 0)
                .setAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build()));
        refused(Status.Code.INVALID_ARGUMENT, "more than a 64-bit amount", () -> f.as("alice").quote(quote(MODEL, 0)
                .setCalls(Long.MAX_VALUE).build()));
        refused(Status.Code.UNAUTHENTICATED, "API key", () -> f.anonymous().quote(quote(MODEL, 0).build()));
    }
}
