package io.zkinfer.server.node;

import io.zkinfer.server.store.LedgerStoreFactory;

/** The model registry's life cycle on an embedded SQLite file. */
class ModelLifecycleOnSqliteTest extends ModelLifecycleContract {

    @Override
    LedgerStoreFactory engine() {
        return new LedgerStoreFactory.Sqlite();
    }
}
