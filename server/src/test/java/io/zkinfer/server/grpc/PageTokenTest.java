package io.zkinfer.server.grpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTokenTest {

    @Test
    void aTokenCarriesItsFieldsBackForTheSameRequest() {
        String token = PageToken.encode("Usage\nalice", List.of("2026-11-01T00:00:00Z", "mnist", "2"));
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "url-safe: " + token);
        assertEquals(List.of("2026-11-01T00:00:00Z", "mnist", "2"), PageToken.decode(token, "Usage\nalice", 3));
    }

    @Test
    void aTokenIsRefusedForAnotherRequestOrWhenItIsNotOurs() {
        String token = PageToken.encode("Usage\nalice", List.of("a", "b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PageToken.decode(token, "Usage\nbob", 2))
                .getMessage().contains("page_token was issued for a request with other parameters"));
        for (String bad : new String[] {"%%%", token + "A", token.substring(1),
                Base64.getUrlEncoder().encodeToString("zkp2\nx\na\nb".getBytes(StandardCharsets.UTF_8))}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> PageToken.decode(bad, "Usage\nalice", 2))
                    .getMessage().startsWith("page_token"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> PageToken.decode(token, "Usage\nalice", 3), "wrong field count");
    }
}
