package io.claimflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes RFC 9457 problem details for the security filter chain, which answers before any controller advice runs.
 * Hand-written JSON of fixed texts: the filter chain must not depend on the application's JSON mapper.
 */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {}

    /** Writes a problem detail unless the response is already committed. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":" + status + ",\"detail\":"
                + json(detail) + ",\"instance\":" + json(request.getRequestURI()) + "}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
