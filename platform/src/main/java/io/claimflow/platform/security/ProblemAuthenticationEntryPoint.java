package io.claimflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as a problem detail, with the {@code WWW-Authenticate} challenge of the configured mode. */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final String challenge;

    /**
     * @param challenge the {@code WWW-Authenticate} value, e.g. {@code Bearer}; null for none (to browsers, which
     *        would ask for and then keep sending Basic credentials)
     */
    public ProblemAuthenticationEntryPoint(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        // The exception's message is not echoed: it can name the user or quote a token.
        ProblemResponses.write(
                request,
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "Unauthorized",
                "Authentication is required: send valid credentials");
    }
}
