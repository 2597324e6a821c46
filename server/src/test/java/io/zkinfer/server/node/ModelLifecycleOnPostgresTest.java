package io.zkinfer.server.node;

import io.zkinfer.server.store.LedgerStoreFactory;

/** The model registry's life cycle on PostgreSQL (skipped, saying why, when no test database is configured). */
class ModelLifecycleOnPostgresTest extends ModelLifecycleContract {

    @Override
    LedgerStoreFactory engine() {
        return new LedgerStoreFactory.Postgres();
    }
}
