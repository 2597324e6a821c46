package io.zkinfer.api;

import io.grpc.Metadata;
import java.util.Optional;

/**
 * The request metadata that carries an API key. A client sends the key as
 * {@code authorization: Bearer <key>} or as {@code x-api-key: <key>}; a server accepts either,
 * and the {@code authorization} header wins when both are present.
 */
public final class ApiMetadata {

    /** {@code authorization}, holding {@code Bearer <key>}. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** {@code x-api-key}, holding the bare key. */
    public static final Metadata.Key<String> API_KEY =
            Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    /** The scheme prefix of an {@code authorization} value, with its space. */
    public static final String BEARER_PREFIX = "Bearer ";

    private ApiMetadata() {
    }

    /** The {@code authorization} value for a key: {@code Bearer <key>}. */
    public static String bearer(String apiKey) {
        return BEARER_PREFIX + requireKey(apiKey);
    }

    /**
     * The API key in a request's headers: the bearer token of {@code authorization} (the scheme
     * compared without case), else {@code x-api-key}; empty when neither holds a non-blank key.
     */
    public static Optional<String> apiKey(Metadata headers) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            String key = authorization.substring(BEARER_PREFIX.length()).strip();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        String key = headers.get(API_KEY);
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip());
    }

    static String requireKey(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("API key is empty; pass the key the operator issued");
        }
        for (int i = 0; i < apiKey.length(); i++) {
            char c = apiKey.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(
                        "API key holds a character that metadata cannot carry (position " + i
                                + "); keys are printable ASCII without spaces");
            }
        }
        return apiKey;
    }
}
