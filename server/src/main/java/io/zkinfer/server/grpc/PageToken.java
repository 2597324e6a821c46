package io.zkinfer.server.grpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Opaque page tokens: base64url of a format tag, a digest of the request the token continues (every field but the
 * page size and the token), and the fields the next page starts from. A token is refused with an
 * {@link IllegalArgumentException} naming {@code page_token} (INVALID_ARGUMENT) when it does not decode, has the wrong
 * shape, or was issued for another request. Tokens carry no secret and grant nothing: every page is checked against
 * the caller like the first.
 */
final class PageToken {

    private static final String FORMAT = "zkp1";
    private static final String SEPARATOR = "\n";

    private PageToken() {
    }

    /** The token of the page after the one just sent for {@code request}, starting from {@code fields} (printable ASCII). */
    static String encode(String request, List<String> fields) {
        for (String field : fields) {
            if (!field.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalStateException("page token field '" + field + "' is not printable ASCII");
            }
        }
        String text = FORMAT + SEPARATOR + digest(request) + SEPARATOR + String.join(SEPARATOR, fields);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} fields of {@code token}, which must have been issued for {@code request}. */
    static List<String> decode(String token, String request, int count) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        String[] parts = text.split(SEPARATOR, -1);
        boolean printable = text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
        if (!printable || parts.length != count + 2 || !parts[0].equals(FORMAT)) {
            throw refused();
        }
        if (!parts[1].equals(digest(request))) {
            throw new IllegalArgumentException("page_token was issued for a request with other parameters; send the same "
                    + "account, period and filter as for the first page, or no page_token to start again");
        }
        return Arrays.asList(parts).subList(2, parts.length);
    }

    /** The refusal of a token that is not one of ours. */
    static IllegalArgumentException refused() {
        return new IllegalArgumentException("page_token is not a token this service issued; send the next_page_token of the "
                + "previous page, or none for the first page");
    }

    private static String digest(String request) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
