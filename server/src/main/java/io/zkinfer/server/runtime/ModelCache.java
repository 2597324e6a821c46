package io.zkinfer.server.runtime;

import io.zkinfer.server.registry.VersionRecord;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-model cache: loaded {@link ServingModel}s, bounded by their estimated memory, least recently used unloaded
 * first when a new one does not fit (the one being loaded is always kept). Concurrent calls for a version not yet
 * loaded wait for one load; a failed load is not cached, so the next call tries again. An unloaded version is closed
 * ({@link ServingModel#close}), which frees its native session once the calls still running on it end.
 */
public final class ModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

    private final long budgetBytes;
    private final Function<VersionRecord, ServingModel> loader;
    private final LinkedHashMap<String, CompletableFuture<ServingModel>> entries =
            new LinkedHashMap<>(16, 0.75f, true);
    private final CacheListener listener;

    /** Hits and misses, for metrics. */
    public interface CacheListener {
        void hit(String modelId);

        void miss(String modelId);

        CacheListener NONE = new CacheListener() {
            @Override
            public void hit(String modelId) {
            }

            @Override
            public void miss(String modelId) {
            }
        };
    }

    public ModelCache(long budgetBytes, Function<VersionRecord, ServingModel> loader, CacheListener listener) {
        this.budgetBytes = budgetBytes;
        this.loader = loader;
        this.listener = listener;
    }

    /** The loaded {@code version}, loading it (and unloading others to fit) on a miss. */
    public ServingModel get(VersionRecord version) {
        String key = key(version);
        CompletableFuture<ServingModel> future;
        boolean load = false;
        synchronized (entries) {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                load = true;
            }
        }
        if (!load) {
            listener.hit(version.modelId());
            return join(future);
        }
        listener.miss(version.modelId());
        try {
            ServingModel loaded = loader.apply(version);
            future.complete(loaded);
            evictFor(key);
            return loaded;
        } catch (RuntimeException | Error e) {
            synchronized (entries) {
                entries.remove(key, future);
            }
            future.completeExceptionally(e);
            throw e;
        }
    }

    /** Unloads every version of {@code modelId} (retired, or replaced). */
    public void unload(String modelId) {
        synchronized (entries) {
            Iterator<Map.Entry<String, CompletableFuture<ServingModel>>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, CompletableFuture<ServingModel>> e = it.next();
                if (e.getKey().startsWith(modelId + "#")) {
                    it.remove();
                    closeWhenLoaded(e.getValue());
                }
            }
        }
    }

    /** The loaded versions' estimated bytes. */
    public long usedBytes() {
        synchronized (entries) {
            return entries.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                    .mapToLong(f -> f.join().footprintBytes()).sum();
        }
    }

    /** How many versions are loaded. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Whether {@code version} is loaded now. Read-only: loads nothing and leaves the eviction order as it is. */
    public boolean isLoaded(VersionRecord version) {
        CompletableFuture<ServingModel> f = peek(key(version));
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    /** Whether {@code version} is being loaded now. Read-only, like {@link #isLoaded}. */
    public boolean isLoading(VersionRecord version) {
        CompletableFuture<ServingModel> f = peek(key(version));
        return f != null && !f.isDone();
    }

    /** The entry under {@code key} without touching its recency ({@code get} on an access-ordered map would). */
    private CompletableFuture<ServingModel> peek(String key) {
        synchronized (entries) {
            for (Map.Entry<String, CompletableFuture<ServingModel>> e : entries.entrySet()) {
                if (e.getKey().equals(key)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private void evictFor(String kept) {
        synchronized (entries) {
            long used = 0;
            for (CompletableFuture<ServingModel> f : entries.values()) {
                if (f.isDone() && !f.isCompletedExceptionally()) {
                    used += f.join().footprintBytes();
                }
            }
            Iterator<Map.Entry<String, CompletableFuture<ServingModel>>> it = entries.entrySet().iterator();
            while (used > budgetBytes && it.hasNext()) {
                Map.Entry<String, CompletableFuture<ServingModel>> e = it.next();
                if (e.getKey().equals(kept) || !e.getValue().isDone()) {
                    continue;
                }
                if (!e.getValue().isCompletedExceptionally()) {
                    used -= e.getValue().join().footprintBytes();
                }
                it.remove();
                closeWhenLoaded(e.getValue());
                LOG.info("unloaded {} to stay within the model cache's {} bytes", e.getKey(), budgetBytes);
            }
        }
    }

    /** Closes an unloaded version once its load ends (a load still running finishes, then closes). */
    private static void closeWhenLoaded(CompletableFuture<ServingModel> future) {
        future.thenAccept(ServingModel::close);
    }

    private static ServingModel join(CompletableFuture<ServingModel> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static String key(VersionRecord v) {
        return v.modelId() + "#" + v.version();
    }
}
