package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BalanceResponse;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.server.billing.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.zkinfer.server.grpc.BillingGrpcFixture.DEVELOPER;
import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BalanceRpcTest {

    @TempDir
    Path dir;
    BillingGrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BillingGrpcFixture(dir);
        f.funded("alice", 5_000_000);
        f.charge("alice", MODEL, 2);
        f.hold("alice", 2);
        Call settled = f.hold("alice", 2);
        f.settle(settled);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static BalanceRequest of(String account) {
        return BalanceRequest.newBuilder().setAccountId(account).build();
    }

    @Test
    void aClientSeesItsAvailableAndHeldFundsAndItsPlan() {
        BalanceResponse own = f.as("alice").balance(BalanceRequest.getDefaultInstance());
        assertEquals("alice", own.getAccountId());
        assertEquals(zkc(5_000_000 - 3 * 1_000_003), own.getAvailable());
        assertEquals(zkc(1_000_003), own.getHeld(), "one proven call still waits for its proof");
        assertEquals(zkc(0), own.getEarnings());
        assertEquals(Plan.PLAN_PAY_PER_CALL, own.getSubscription().getPlan());
        assertEquals(3, own.getSubscription().getUsedCalls());
        assertEquals(own, f.as("alice").balance(of("alice")), "naming oneself is the same");
    }

    @Test
    void aDeveloperSeesSettledEarnings() {
        BalanceResponse dev = f.as(DEVELOPER).balance(BalanceRequest.getDefaultInstance());
        assertEquals(zkc(2 * 700_002), dev.getEarnings(), "the charged call and the settled one; not the held one");
        assertEquals(zkc(0), dev.getAvailable());
        assertEquals(Plan.PLAN_FREE, dev.getSubscription().getPlan());
        assertEquals(2, dev.getSubscription().getIncludedCalls());
    }

    @Test
    void onlyAnOperatorReadsAnotherAccountAndOnlyOneThatExists() {
        refused(Status.Code.PERMISSION_DENIED, "of its own only", () -> f.as("bob").balance(of("alice")));
        assertEquals(zkc(5_000_000 - 3 * 1_000_003), f.operator("ops").balance(of("alice")).getAvailable());
        refused(Status.Code.NOT_FOUND, "account 'zed'", () -> f.operator("ops").balance(of("zed")));
        refused(Status.Code.INVALID_ARGUMENT, "account_id 'a b'", () -> f.operator("ops").balance(of("a b")));
        refused(Status.Code.UNAUTHENTICATED, "API key", () -> f.anonymous().balance(of("alice")));
    }
}
