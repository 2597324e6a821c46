package io.zkinfer.server.grpc;

import com.google.protobuf.Timestamp;
import io.zkinfer.api.v1.StatementLineKind;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.PlanCatalog;
import io.zkinfer.server.billing.StatementLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BillingProtosTest {

    private static final PlanCatalog CATALOG = new PlanCatalog(new Plan.Free(10), new Plan.Subscription(Money.zkc(3), 7));

    private static io.zkinfer.api.v1.Money money(long minor, String currency) {
        return io.zkinfer.api.v1.Money.newBuilder().setMinorUnits(minor).setCurrency(currency).build();
    }

    private static void refusedNaming(String words, Runnable conversion) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, conversion::run);
        assertTrue(e.getMessage().contains(words), () -> "'" + e.getMessage() + "' names '" + words + "'");
    }

    @Test
    void moneyCrossesBothWaysExactly() {
        for (long minor : new long[] {0, 1, 999_999, 1_000_000, Long.MAX_VALUE}) {
            Money m = Money.zkc(minor);
            assertEquals(money(minor, "ZKC"), BillingProtos.toProto(m));
            assertEquals(m, BillingProtos.amount(BillingProtos.toProto(m), "amount"));
        }
        assertEquals(money(-5, "ZKC"), BillingProtos.toProto(Money.zkc(-5)), "statements carry negative amounts");
    }

    @Test
    void malformedAmountsAreRefusedNamingTheField() {
        refusedNaming("fee is -1 minor units", () -> BillingProtos.amount(money(-1, "ZKC"), "fee"));
        refusedNaming("fee.currency is 'USD'", () -> BillingProtos.amount(money(1, "USD"), "fee"));
        refusedNaming("fee.currency is 'zkc'", () -> BillingProtos.amount(money(1, "zkc"), "fee"));
        refusedNaming("fee.currency is empty", () -> BillingProtos.amount(money(1, ""), "fee"));
        refusedNaming("fee is zero", () -> BillingProtos.positiveAmount(money(0, "ZKC"), "fee"));
        assertEquals(Money.zkc(0), BillingProtos.amount(money(0, "ZKC"), "fee"));
    }

    @Test
    void plansCrossBothWaysAndUnsetOrUnknownOnesAreRefused() {
        for (io.zkinfer.api.v1.Plan p : new io.zkinfer.api.v1.Plan[] {io.zkinfer.api.v1.Plan.PLAN_FREE,
                io.zkinfer.api.v1.Plan.PLAN_PAY_PER_CALL, io.zkinfer.api.v1.Plan.PLAN_MONTHLY}) {
            assertEquals(p, BillingProtos.toProto(BillingProtos.plan(p, CATALOG, "plan")));
        }
        assertEquals(CATALOG.freeTier(), BillingProtos.plan(io.zkinfer.api.v1.Plan.PLAN_FREE, CATALOG, "plan"));
        assertEquals(CATALOG.monthly(), BillingProtos.plan(io.zkinfer.api.v1.Plan.PLAN_MONTHLY, CATALOG, "plan"));
        assertEquals(io.zkinfer.api.v1.Plan.PLAN_ENTERPRISE, BillingProtos.toProto(new Plan.Enterprise(5)));
        refusedNaming("plan is unset", () -> BillingProtos.plan(io.zkinfer.api.v1.Plan.PLAN_UNSPECIFIED, CATALOG, "plan"));
        refusedNaming("plan is not a plan", () -> BillingProtos.plan(io.zkinfer.api.v1.Plan.UNRECOGNIZED, CATALOG, "plan"));
        refusedNaming("plan is PLAN_ENTERPRISE", () -> BillingProtos.plan(io.zkinfer.api.v1.Plan.PLAN_ENTERPRISE, CATALOG, "plan"));
    }

    @Test
    void timestampsCrossBothWaysAndOutOfRangeOnesAreRefused() {
        Instant at = Instant.parse("2026-11-28T12:34:56.789012345Z");
        assertEquals(at, BillingProtos.instant(BillingProtos.toProto(at), "at"));
        refusedNaming("at (", () -> BillingProtos.instant(Timestamp.newBuilder().setSeconds(253_402_300_800L).build(), "at"));
        refusedNaming("at (", () -> BillingProtos.instant(Timestamp.newBuilder().setNanos(1_000_000_000).build(), "at"));
        refusedNaming("at (", () -> BillingProtos.instant(Timestamp.newBuilder().setNanos(-1).build(), "at"));
    }

    @Test
    void modelVersionsAreDecimalNumbersInTheLedger() {
        assertEquals("12", BillingProtos.versionId(12));
        assertEquals(12, BillingProtos.modelRef("m", "12").getVersion());
        assertThrows(IllegalArgumentException.class, () -> BillingProtos.versionId(0));
        for (String bad : new String[] {"v1", "01", "", "-3", "1.0"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BillingProtos.modelRef("m", bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"));
        }
    }

    @Test
    void everyStatementLineKindHasItsOwnMessageKind() {
        Set<StatementLineKind> kinds = new HashSet<>();
        for (StatementLine.Kind kind : StatementLine.Kind.values()) {
            StatementLineKind proto = BillingProtos.toProto(kind);
            assertFalse(proto == StatementLineKind.STATEMENT_LINE_KIND_UNSPECIFIED || proto == StatementLineKind.UNRECOGNIZED);
            assertTrue(proto.name().endsWith(kind.name()), proto + " is " + kind);
            kinds.add(proto);
        }
        assertEquals(StatementLine.Kind.values().length, kinds.size());
        assertEquals(StatementLineKind.values().length - 2, kinds.size(), "every message kind is sent: " + Arrays.toString(StatementLineKind.values()));
    }
}
