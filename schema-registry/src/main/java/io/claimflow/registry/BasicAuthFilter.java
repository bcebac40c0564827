package io.claimflow.registry;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic in front of every registry request, as Confluent Schema Registry's {@code authentication.method=BASIC}:
 * clients send {@code basic.auth.credentials.source=USER_INFO} and {@code basic.auth.user.info=user:password}. A
 * request without them, or with others, gets 401 with a Confluent-shaped error ({@code error_code} 401) and the
 * challenge. Credentials are compared in constant time and never logged.
 */
final class BasicAuthFilter extends Filter {

    private final byte[] expected;

    /** @param userInfo {@code user:password} */
    BasicAuthFilter(String userInfo) {
        if (userInfo == null || userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("registry basic auth needs user:password");
        }
        this.expected = ("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given != null && MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(exchange);
            return;
        }
        byte[] body = "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry\"");
        exchange.getResponseHeaders().set("Content-Type", RegistryHttpHandler.CONTENT_TYPE);
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public String description() {
        return "HTTP Basic authentication";
    }
}
