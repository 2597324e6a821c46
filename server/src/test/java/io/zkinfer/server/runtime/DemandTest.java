package io.zkinfer.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The demand factor follows the proof queue's fill from 1x to 3x and stays within those bounds. */
class DemandTest {

    @Test
    void demandRisesWithTheQueue() {
        AtomicInteger depth = new AtomicInteger();
        Demand demand = new Demand(depth::get, 64);
        assertEquals(10_000, demand.getAsInt());
        depth.set(16);
        assertEquals(15_000, demand.getAsInt());
        depth.set(32);
        assertEquals(20_000, demand.getAsInt());
        depth.set(64);
        assertEquals(30_000, demand.getAsInt());
        depth.set(500);
        assertEquals(30_000, demand.getAsInt(), "past capacity it stays at 3x");
    }
}
