package io.claimflow.platform.security;

import io.claimflow.platform.audit.AuditTrail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In the security filter chain before authentication: refuses with 429 (and {@code Retry-After}) a login whose user
 * name or client address is locked out by {@link LoginThrottle}, counts every 401 against both, and logs and audits
 * every 401 and 429 with ids only (a configured user's name or a digest of any other name tried, the address, the
 * endpoint), never the password or token.
 */
public final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
    private static final int MAX_NAME = 64;

    private final LoginThrottle throttle;
    private final ObjectProvider<AuditTrail> auditTrail;
    private final LoginThrottleProperties properties;
    private final boolean enabled;
    private final Predicate<String> knownUsers;

    /** {@code knownUsers} says whether a user name is a configured user (logged by name; others only as a digest). */
    public LoginThrottleFilter(
            LoginThrottle throttle,
            ObjectProvider<AuditTrail> auditTrail,
            LoginThrottleProperties properties,
            Predicate<String> knownUsers) {
        this.knownUsers = knownUsers;
        this.throttle = throttle;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.enabled = properties.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String user = basicUser(authorization);
        if (authorization != null) {
            Duration locked = refusal(request, user);
            if (!locked.isZero()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(locked)));
                ProblemResponses.write(
                        request, response, 429, "Too many failed logins", "Too many failed logins: try again later");
                return;
            }
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            if (authorization == null) {
                LOG.info("401 without credentials from {} on {}", request.getRemoteAddr(), endpoint(request));
                audit("unauthenticated", null, endpoint(request));
                return;
            }
            failed(request, user, "401");
        } else if (response.getStatus() != 429) {
            succeeded(user);
        }
    }

    /**
     * For a login form or any other way of logging in that does not pass through this filter: how long a login of
     * {@code user} (as {@link #userName} gives it; null when no name is known, e.g. a bearer token) from the request's
     * client address is still refused. A refusal is logged and audited ({@code login-throttled}); zero when it may try.
     */
    public Duration refusal(HttpServletRequest request, String user) {
        if (!enabled) {
            return Duration.ZERO;
        }
        Duration locked = max(
                throttle.lockedFor(addressKey(request)),
                user == null ? Duration.ZERO : throttle.lockedFor(userKey(user)));
        if (!locked.isZero()) {
            LOG.warn(
                    "Login refused while locked out: user {} from {} on {} ({} s left)",
                    logged(user),
                    request.getRemoteAddr(),
                    endpoint(request),
                    seconds(locked));
            audit("login-throttled", user, endpoint(request));
        }
        return locked;
    }

    /**
     * A failed login of {@code user} from the request's client address ({@code how}: "401", "form"): counted against
     * both, logged and audited ({@code login-failed}); returns the lock-out it starts, zero for none.
     */
    public Duration failed(HttpServletRequest request, String user, String how) {
        Duration lockout = Duration.ZERO;
        if (enabled) {
            lockout = max(
                    throttle.failed(addressKey(request), properties.maxFailuresPerAddress()),
                    user == null ? Duration.ZERO : throttle.failed(userKey(user), properties.maxFailures()));
        }
        LOG.warn(
                "{} failed login: user {} from {} on {}{}",
                how,
                logged(user),
                request.getRemoteAddr(),
                endpoint(request),
                lockout.isZero() ? "" : "; locked out for " + seconds(lockout) + " s");
        audit("login-failed", user, endpoint(request));
        return lockout;
    }

    /** A successful login of {@code user}: the name's failures are forgotten (the address's only expire). */
    public void succeeded(String user) {
        if (enabled && user != null) {
            throttle.succeeded(userKey(user));
        }
    }

    /** A user name as typed (a login form's field) as the throttle counts it: lower case, 64 printable characters. */
    public static String userName(String typed) {
        return typed == null ? null : printable(typed.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(HttpServletRequest request) {
        return "address:" + request.getRemoteAddr();
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String endpoint(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }

    private void audit(String action, String user, String endpoint) {
        AuditTrail trail = auditTrail.getIfAvailable();
        if (trail == null) {
            return;
        }
        try {
            if (user != null) {
                trail.denied(action, "user", user);
            } else {
                trail.denied(action, "endpoint", endpoint);
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "Could not audit a refused login ({}): {}",
                    action,
                    e.getClass().getName());
        }
    }

    /** The user name of an HTTP Basic header, cut to 64 printable characters; null for none or another scheme. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return userName(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
    }

    /**
     * How a tried user name appears in a log line: a configured user by name, anything else (a mistyped name may be a
     * patient's, typed into the wrong field) only as a short digest, so repeated tries can still be told apart. The
     * audit trail, which only AUDITOR reads, keeps the name as typed.
     */
    private String logged(String user) {
        if (user == null || user.startsWith("(")) {
            return printable(user);
        }
        if (knownUsers.test(user)) {
            return user;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return "unknown#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            return "unknown";
        }
    }

    private static String printable(String name) {
        if (name == null) {
            return "(bearer)";
        }
        String cut = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
