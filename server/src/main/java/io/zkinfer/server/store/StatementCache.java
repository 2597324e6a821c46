package io.zkinfer.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements kept on SQLite's one connection: SQLite compiles a statement on every prepare, and a charge
 * runs some twenty, so compiling each once saves a good part of the ledger's time. {@link #wrap} returns the
 * connection with {@code prepareStatement(sql)} answered from the cache; closing such a statement clears its
 * parameters and keeps it. A statement still in use when its SQL is prepared again gets a fresh, uncached one. Used
 * only under the writer lock, one thread at a time.
 */
final class StatementCache {

    static final int CAPACITY = 128;

    private StatementCache() {
    }

    /** {@code connection} with a statement cache of {@link #CAPACITY} statements. */
    static Connection wrap(Connection connection) {
        Map<String, Cached> cache = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                if (size() > CAPACITY) {
                    eldest.getValue().closeQuietly();
                    return true;
                }
                return false;
            }
        };
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                    && args[0] instanceof String sql) {
                Cached c = cache.get(sql);
                if (c == null) {
                    c = new Cached(connection.prepareStatement(sql));
                    cache.put(sql, c);
                } else if (c.inUse) {
                    return connection.prepareStatement(sql);
                }
                c.inUse = true;
                return c.proxy;
            }
            if (method.getName().equals("close")) {
                cache.values().forEach(Cached::closeQuietly);
                cache.clear();
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One cached statement and the proxy handed out for it. */
    private static final class Cached {
        final PreparedStatement statement;
        final PreparedStatement proxy;
        boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (p, method, args) -> {
                        switch (method.getName()) {
                            case "close" -> {
                                if (inUse) {
                                    inUse = false;
                                    statement.clearParameters();
                                }
                                return null;
                            }
                            case "isClosed" -> {
                                return !inUse;
                            }
                            default -> {
                                return invoke(statement, method, args);
                            }
                        }
                    });
        }

        void closeQuietly() {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is going away
            }
        }
    }
}
