package io.zkinfer.algebra.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers {@link KernelBackend}s through {@link ServiceLoader} ({@link KernelBackendProvider}) and
 * picks one: the available backend of highest rank that has the requested capability, unless the
 * system property {@value #BACKEND_PROPERTY} names one. Naming an absent or unavailable backend is
 * an error that lists what is available; a named backend lacking a capability falls back, for that
 * capability only, to the best backend that has it. Each choice is logged once.
 */
public final class KernelBackends {
    /** System property that forces a backend by name, e.g. {@code -Dzkinfer.backend=java}. */
    public static final String BACKEND_PROPERTY = "zkinfer.backend";

    private static final Logger LOG = LoggerFactory.getLogger(KernelBackends.class);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();
    private static final KernelBackend JAVA = new JavaKernelBackend();
    private static volatile List<KernelBackend> discovered;

    private KernelBackends() {
    }

    /** Every discovered backend, available or not, by descending rank (then name). */
    public static List<KernelBackend> all() {
        List<KernelBackend> d = discovered;
        if (d == null) {
            synchronized (KernelBackends.class) {
                d = discovered;
                if (d == null) {
                    d = discover();
                    discovered = d;
                }
            }
        }
        return d;
    }

    /**
     * The backend for all kernels: the highest-ranked available one (preferring one with every
     * capability) or the one named by {@value #BACKEND_PROPERTY}. Unless that is the Java backend,
     * it comes wrapped so that kernels it lacks, and calls on which it fails at run time, run on the
     * Java backend instead (logged).
     */
    public static KernelBackend best() {
        return withJavaFallback(announce(select(all(), System.getProperty(BACKEND_PROPERTY), null), null));
    }

    /** Like {@link #best()} for one capability: the best available backend that has it. */
    public static KernelBackend best(Capability capability) {
        return withJavaFallback(announce(select(all(), System.getProperty(BACKEND_PROPERTY), capability), capability));
    }

    /** {@code backend} itself if it is the Java one, else a wrapper falling back to Java on run-time failure. */
    public static KernelBackend withJavaFallback(KernelBackend backend) {
        if (backend instanceof JavaKernelBackend || backend instanceof FallbackKernelBackend) {
            return backend;
        }
        return new FallbackKernelBackend(backend, JAVA);
    }

    /**
     * The selection rule, on an explicit candidate list (for tests and embedders).
     *
     * @param candidates discovered backends in any order
     * @param override   a backend name, or null/blank for "highest rank"
     * @param capability the capability required, or null for "all of them if possible"
     * @throws IllegalStateException if the override names no available backend, or none is available
     */
    public static KernelBackend select(List<KernelBackend> candidates, String override, Capability capability) {
        List<KernelBackend> available = candidates.stream()
                .filter(KernelBackend::isAvailable)
                .sorted(byRank())
                .collect(Collectors.toList());
        if (override != null && !override.isBlank()) {
            String wanted = override.trim().toLowerCase(Locale.ROOT);
            KernelBackend named = candidates.stream()
                    .filter(b -> b.name().equalsIgnoreCase(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("kernel backend '" + override + "' (from -D"
                            + BACKEND_PROPERTY + ") is not installed; available: " + describe(available)
                            + ". Remove the property or name one of these."));
            if (!named.isAvailable()) {
                throw new IllegalStateException("kernel backend '" + named.name() + "' (from -D" + BACKEND_PROPERTY
                        + ") is unavailable: " + named.unavailableReason() + "; available: " + describe(available)
                        + ". Fix the cause or name one of these.");
            }
            if (capability == null || named.capabilities().contains(capability)) {
                return named;
            }
        }
        if (available.isEmpty()) {
            throw new IllegalStateException("no kernel backend is available (discovered: " + describe(candidates)
                    + "); the pure-Java backend should always be on the class path - check META-INF/services");
        }
        if (capability == null) {
            for (KernelBackend b : available) {
                if (b.capabilities().containsAll(Set.of(Capability.values()))) {
                    return b;
                }
            }
            return available.get(0);
        }
        return available.stream()
                .filter(b -> b.capabilities().contains(capability))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no available kernel backend supports " + capability
                        + "; available: " + describe(available)));
    }

    private static Comparator<KernelBackend> byRank() {
        return Comparator.comparingInt(KernelBackend::rank).reversed().thenComparing(KernelBackend::name);
    }

    private static String describe(List<KernelBackend> backends) {
        if (backends.isEmpty()) {
            return "none";
        }
        return backends.stream()
                .map(b -> b.name() + " (rank " + b.rank() + (b.isAvailable() ? "" : ", unavailable") + ")")
                .collect(Collectors.joining(", "));
    }

    private static KernelBackend announce(KernelBackend chosen, Capability capability) {
        String key = chosen.name() + "/" + capability;
        if (ANNOUNCED.add(key)) {
            LOG.info("kernel backend for {}: '{}' (rank {}); discovered: {}",
                    capability == null ? "all kernels" : capability, chosen.name(), chosen.rank(), describe(all()));
        }
        return chosen;
    }

    private static List<KernelBackend> discover() {
        List<KernelBackend> found = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        Iterator<KernelBackendProvider> it = ServiceLoader.load(KernelBackendProvider.class,
                KernelBackends.class.getClassLoader()).iterator();
        while (true) {
            KernelBackend backend;
            try {
                if (!it.hasNext()) {
                    break;
                }
                backend = it.next().backend();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.warn("skipping a kernel backend provider that failed to load: {}", e.toString());
                continue;
            }
            if (!names.add(backend.name().toLowerCase(Locale.ROOT))) {
                LOG.warn("ignoring a second kernel backend named '{}' ({})", backend.name(), backend.getClass().getName());
                continue;
            }
            if (!backend.isAvailable()) {
                LOG.debug("kernel backend '{}' is unavailable: {}", backend.name(), backend.unavailableReason());
            }
            found.add(backend);
        }
        found.sort(byRank());
        return List.copyOf(found);
    }
}
