package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.DepositRequest;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.PayoutRequest;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.api.v1.StatementLine;
import io.zkinfer.api.v1.StatementLineKind;
import io.zkinfer.api.v1.StatementRequest;
import io.zkinfer.api.v1.StatementResponse;
import io.zkinfer.api.v1.SubscribeRequest;
import io.zkinfer.server.billing.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.zkinfer.server.grpc.BillingGrpcFixture.DEVELOPER;
import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.START;
import static io.zkinfer.server.grpc.BillingGrpcFixture.key;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_CHARGE;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_DEPOSIT;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_EARNING;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_HOLD;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_PAYOUT;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_RELEASE;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_SETTLEMENT;
import static io.zkinfer.api.v1.StatementLineKind.STATEMENT_LINE_KIND_SUBSCRIPTION_FEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementRpcTest {

    private static final long PRICE = 1_000_003;

    @TempDir
    Path dir;
    BillingGrpcFixture f;
    Call charged;
    Call settled;
    Call released;
    String depositId;
    String payoutId;

    /** One event a minute from 12:00: deposit, charge, hold, settle, hold, release, subscription fee, payout. */
    @BeforeEach
    void start() throws Exception {
        f = new BillingGrpcFixture(dir);
        f.billing.setPlan("alice", new io.zkinfer.server.billing.Plan.PayPerCall());
        depositId = f.operator("ops").deposit(DepositRequest.newBuilder().setAccountId("alice").setAmount(zkc(10_000_000))
                .setIdempotencyKey(key()).build()).getEntryId();
        minute();
        charged = f.charge("alice", MODEL, 1);
        minute();
        settled = f.hold("alice", 2);
        minute();
        f.settle(settled);
        minute();
        released = f.hold("alice", 2);
        minute();
        f.billing.release(key(), released.callId(), "proving failed");
        minute();
        f.as("alice").subscribe(SubscribeRequest.newBuilder().setPlan(Plan.PLAN_MONTHLY).setIdempotencyKey(key()).build());
        minute();
        payoutId = f.as(DEVELOPER).payout(PayoutRequest.newBuilder().setAmount(zkc(1_000_000)).setDestination("0xabc")
                .setIdempotencyKey(key()).build()).getPayoutId();
        minute();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private void minute() {
        f.clock.advance(Duration.ofMinutes(1));
    }

    private static StatementLine line(String entryId, int minute, StatementLineKind kind, long amount, long after, String reference,
                                      String model, long version) {
        StatementLine.Builder b = StatementLine.newBuilder().setEntryId(entryId).setAt(BillingProtos.toProto(START.plus(Duration.ofMinutes(minute))))
                .setKind(kind).setAmount(zkc(amount)).setBalanceAfter(zkc(after)).setReference(reference);
        if (model != null) {
            b.setModel(ModelRef.newBuilder().setModelId(model).setVersion(version));
        }
        return b.build();
    }

    /** All lines of the statement of {@code request}'s account, following the page tokens. */
    private List<StatementLine> allPages(StatementRequest.Builder request, StatementResponse first) {
        List<StatementLine> lines = new ArrayList<>(first.getLinesList());
        StatementResponse page = first;
        for (int pages = 1; !page.getNextPageToken().isEmpty(); pages++) {
            assertTrue(pages < 20, "paging ends: a statement of these few lines has far fewer pages");
            page = f.as(first.getAccountId()).statement(request.setPageToken(page.getNextPageToken()).build());
            assertEquals(first.getOpeningBalance(), page.getOpeningBalance());
            assertEquals(first.getClosingBalance(), page.getClosingBalance());
            lines.addAll(page.getLinesList());
        }
        return lines;
    }

    @Test
    void aClientsLinesShowEveryMoveOfItsMoneyWithTheAvailableBalanceAfterIt() {
        StatementResponse s = f.as("alice").statement(StatementRequest.getDefaultInstance());
        assertEquals("alice", s.getAccountId());
        assertEquals(zkc(0), s.getOpeningBalance());
        assertEquals(zkc(10_000_000 - 2 * PRICE - 5_000_000), s.getClosingBalance());
        List<StatementLine> lines = s.getLinesList();
        assertEquals(7, lines.size());
        assertEquals(line(depositId, 0, STATEMENT_LINE_KIND_DEPOSIT, 10_000_000, 10_000_000, "", null, 0), lines.get(0));
        assertEquals(line(lines.get(1).getEntryId(), 1, STATEMENT_LINE_KIND_CHARGE, -PRICE, 10_000_000 - PRICE, charged.callId(), MODEL, 1), lines.get(1));
        assertEquals(line(lines.get(2).getEntryId(), 2, STATEMENT_LINE_KIND_HOLD, -PRICE, 10_000_000 - 2 * PRICE, settled.callId(), MODEL, 2), lines.get(2));
        assertEquals(line(lines.get(3).getEntryId(), 3, STATEMENT_LINE_KIND_SETTLEMENT, -PRICE, 10_000_000 - 2 * PRICE, settled.callId(), MODEL, 2),
                lines.get(3), "the held money leaves; the available balance stays");
        assertEquals(line(lines.get(4).getEntryId(), 4, STATEMENT_LINE_KIND_HOLD, -PRICE, 10_000_000 - 3 * PRICE, released.callId(), MODEL, 2), lines.get(4));
        assertEquals(line(lines.get(5).getEntryId(), 5, STATEMENT_LINE_KIND_RELEASE, PRICE, 10_000_000 - 2 * PRICE, released.callId(), MODEL, 2), lines.get(5));
        assertEquals(line(lines.get(6).getEntryId(), 6, STATEMENT_LINE_KIND_SUBSCRIPTION_FEE, -5_000_000, 10_000_000 - 2 * PRICE - 5_000_000, "", null, 0),
                lines.get(6));
        assertEquals(7, lines.stream().map(StatementLine::getEntryId).distinct().count());
        assertEquals("", s.getNextPageToken());
    }

    @Test
    void aDevelopersLinesShowEarningsAndPayouts() {
        StatementResponse s = f.as(DEVELOPER).statement(StatementRequest.getDefaultInstance());
        assertEquals(List.of(STATEMENT_LINE_KIND_EARNING, STATEMENT_LINE_KIND_EARNING, STATEMENT_LINE_KIND_PAYOUT),
                s.getLinesList().stream().map(StatementLine::getKind).toList());
        assertEquals(List.of(zkc(700_002), zkc(700_002), zkc(-1_000_000)), s.getLinesList().stream().map(StatementLine::getAmount).toList());
        assertEquals(List.of(charged.callId(), settled.callId(), payoutId), s.getLinesList().stream().map(StatementLine::getReference).toList());
        assertEquals(zkc(0), s.getClosingBalance(), "a developer's available balance is untouched by earnings");
    }

    @Test
    void theOpeningBalanceSumsEverythingBeforeThePeriod() {
        StatementResponse s = f.as("alice").statement(StatementRequest.newBuilder()
                .setFrom(BillingProtos.toProto(START.plus(Duration.ofSeconds(90))))
                .setTo(BillingProtos.toProto(START.plus(Duration.ofMinutes(4)))).build());
        assertEquals(zkc(10_000_000 - PRICE), s.getOpeningBalance());
        assertEquals(zkc(10_000_000 - 2 * PRICE), s.getClosingBalance());
        assertEquals(List.of(STATEMENT_LINE_KIND_HOLD, STATEMENT_LINE_KIND_SETTLEMENT),
                s.getLinesList().stream().map(StatementLine::getKind).toList());
    }

    @Test
    void pagesJoinUpToTheWholeStatement() {
        List<StatementLine> whole = f.as("alice").statement(StatementRequest.getDefaultInstance()).getLinesList();
        StatementRequest.Builder request = StatementRequest.newBuilder().setPageSize(3);
        StatementResponse first = f.as("alice").statement(request.build());
        assertEquals(3, first.getLinesCount());
        assertFalse(first.getNextPageToken().isEmpty());
        assertEquals(whole, allPages(request, first));
    }

    @Test
    void aTransactionWithTwoLinesForOneAccountPagesLineByLine() {
        f.funded(DEVELOPER, 2_000_000);
        minute();
        Call own = f.charge(DEVELOPER, MODEL, 1);
        minute();
        StatementRequest.Builder request = StatementRequest.newBuilder().setPageSize(1)
                .setFrom(BillingProtos.toProto(f.clock.instant().minus(Duration.ofMinutes(1))));
        StatementResponse first = f.as(DEVELOPER).statement(request.build());
        List<StatementLine> lines = allPages(request, first);
        assertEquals(List.of(STATEMENT_LINE_KIND_CHARGE, STATEMENT_LINE_KIND_EARNING), lines.stream().map(StatementLine::getKind).toList());
        assertEquals(lines.get(0).getEntryId(), lines.get(1).getEntryId(), "one transaction");
        assertEquals(own.callId(), lines.get(1).getReference());
        assertEquals(zkc(2_000_000 - PRICE), lines.get(1).getBalanceAfter());
    }

    @Test
    void foreignAccountsBadPeriodsAndBadTokensAreRefused() {
        refused(Status.Code.PERMISSION_DENIED, "of its own only", () -> f.as("bob").statement(StatementRequest.newBuilder().setAccountId("alice").build()));
        assertEquals(7, f.operator("ops").statement(StatementRequest.newBuilder().setAccountId("alice").build()).getLinesCount());
        refused(Status.Code.NOT_FOUND, "account 'carol'", () -> f.operator("ops").statement(StatementRequest.newBuilder().setAccountId("carol").build()));
        refused(Status.Code.INVALID_ARGUMENT, "is empty", () -> f.as("alice").statement(StatementRequest.newBuilder()
                .setFrom(BillingProtos.toProto(START)).setTo(BillingProtos.toProto(START)).build()));
        refused(Status.Code.INVALID_ARGUMENT, "page_token is not a token", () -> f.as("alice").statement(StatementRequest.newBuilder()
                .setPageToken("emtwMQpub3RoaW5n").build()));
        String token = f.as("alice").statement(StatementRequest.newBuilder().setPageSize(2).build()).getNextPageToken();
        refused(Status.Code.INVALID_ARGUMENT, "other parameters", () -> f.as("bob").statement(StatementRequest.newBuilder()
                .setPageToken(token).build()));
        refused(Status.Code.INVALID_ARGUMENT, "other parameters", () -> f.as("alice").statement(StatementRequest.newBuilder()
                .setFrom(BillingProtos.toProto(START)).setPageToken(token).build()));
        assertEquals(2, f.as("alice").statement(StatementRequest.newBuilder().setPageSize(2).setPageToken(token).build()).getLinesCount(),
                "the page size may change between pages");
        refused(Status.Code.UNAUTHENTICATED, "API key", () -> f.anonymous().statement(StatementRequest.getDefaultInstance()));
    }
}
