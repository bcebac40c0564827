package io.claimflow.console.config;

import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.ClaimFlowSecurityAutoConfiguration;
import io.claimflow.platform.security.ClaimFlowSecurityProperties;
import io.claimflow.platform.security.JwtRoles;
import io.claimflow.platform.security.LoginThrottle;
import io.claimflow.platform.security.LoginThrottleFilter;
import io.claimflow.platform.security.LoginThrottleProperties;
import io.claimflow.platform.security.ProblemAccessDeniedHandler;
import io.claimflow.platform.security.ProblemAuthenticationEntryPoint;
import io.claimflow.platform.security.Roles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two filter chains. The platform's single stateless chain steps aside when an application declares its own
 * ({@code @ConditionalOnMissingBean}), so the console declares both:
 *
 * <ol>
 *   <li><b>API chain</b> (first): requests that carry an {@code Authorization} header, and the actuator. The
 *   platform's rules: stateless, HTTP Basic (or JWT in {@code claimflow.security.mode=JWT}, with the platform's
 *   {@link JwtRoles}), 401/403 as the platform's problem details, health open, actuator and {@code /admin/**}
 *   ADMIN. A state-changing request that looks like a browser's (a form content type, an {@code Origin} or
 *   {@code Sec-Fetch-*} header) is refused here as a forged cross-site request: a browser that keeps Basic
 *   credentials would send them with another site's form post, and this chain has no CSRF token to check. API
 *   callers send JSON without those headers. No {@code WWW-Authenticate} challenge goes to a browser.</li>
 *   <li><b>Console chain</b>: everything else, i.e. browsers. Form login against the platform's users, a session
 *   (cookie HttpOnly, SameSite=Strict), CSRF tokens on every form and htmx request. A browser that is not logged in
 *   is sent to {@code /login}, an htmx request (a poll after the session ended) gets 401 with
 *   {@code HX-Redirect: /login}; any other caller gets a 401 problem detail. None of them gets a
 *   {@code WWW-Authenticate} challenge, so a browser never asks for (and keeps) Basic credentials. Role checks stay
 *   on the handlers' {@code @PreAuthorize}.</li>
 * </ol>
 *
 * How the console calls the services as the user ({@code services.adapter.RestServices}): in JWT mode it relays
 * the caller's bearer token and there is no form login, so no password is ever kept. In LOCAL mode (demo users,
 * HTTP Basic) a form login keeps the password in the server-side session's authentication (not erased) so that
 * the console can pass the same Basic credentials on; it never leaves the server.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    /** Paths anyone may open: the login page and static assets. */
    static final String[] PUBLIC_PATHS = {"/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error"};

    @Bean
    @Order(1)
    SecurityFilterChain consoleApiFilterChain(
            HttpSecurity http,
            ClaimFlowSecurityProperties properties,
            ObjectProvider<AuditTrail> auditTrail,
            ObjectProvider<JwtDecoder> jwtDecoder,
            LoginThrottle loginThrottle,
            LoginThrottleProperties throttleProperties,
            ObjectProvider<UserDetailsService> users)
            throws Exception {
        boolean jwt = properties.mode() == ClaimFlowSecurityProperties.Mode.JWT;
        AuthenticationEntryPoint challenging = new ProblemAuthenticationEntryPoint(challenge(properties));
        AuthenticationEntryPoint silent = new ProblemAuthenticationEntryPoint(null);
        AuthenticationEntryPoint entryPoint =
                (request, response, e) -> (fromBrowser(request) ? silent : challenging).commence(request, response, e);
        AccessDeniedHandler denied = new ProblemAccessDeniedHandler(auditTrail);
        RequestMatcher withCredentials = request -> request.getHeader("Authorization") != null;
        http.securityMatcher(request -> withCredentials.matches(request)
                        || EndpointRequest.toAnyEndpoint().matches(request))
                // the platform's throttle: failed Basic (or bearer) logins counted, 429 while locked out
                .addFilterBefore(
                        throttleFilter(loginThrottle, auditTrail, throttleProperties, users), LogoutFilter.class)
                // no token exists in this chain: a browser's state-changing request is refused (403, audited)
                .csrf(csrf -> csrf.csrfTokenRepository(new NoCsrfTokens())
                        .requireCsrfProtectionMatcher(ConsoleSecurityConfiguration::browserStateChange))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole(Roles.ADMIN)
                        .requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.OPTIONS)
                        .authenticated()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        if (jwt) {
            JwtDecoder decoder =
                    jwtDecoder.getIfAvailable(() -> ClaimFlowSecurityAutoConfiguration.jwtDecoder(properties.jwt()));
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied)
                    .jwt(token -> token.decoder(decoder)
                            .jwtAuthenticationConverter(new JwtRoles(
                                    properties.jwt().rolesClaim(),
                                    properties.jwt().userNameClaim()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consolePageFilterChain(
            HttpSecurity http,
            ClaimFlowSecurityProperties properties,
            ObjectProvider<UserDetailsService> users,
            ObjectProvider<PasswordEncoder> passwordEncoder,
            ObjectProvider<AuditTrail> auditTrail,
            LoginThrottle loginThrottle,
            LoginThrottleProperties throttleProperties)
            throws Exception {
        boolean jwt = properties.mode() == ClaimFlowSecurityProperties.Mode.JWT;
        AuthenticationEntryPoint problem = new ProblemAuthenticationEntryPoint(null);
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", "/login"); // htmx loads the login page instead of the fragment
                problem.commence(request, response, e);
            } else if (wantsHtml(request)) {
                login.commence(request, response, e);
            } else {
                problem.commence(request, response, e);
            }
        };
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole(Roles.ADMIN)
                        .anyRequest()
                        .authenticated())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(pageDeniedHandler(auditTrail, entryPoint)));
        UserDetailsService userDetails = users.getIfAvailable();
        if (jwt || userDetails == null) {
            // JWT mode: the identity provider's bearer tokens only (API chain); no password is ever taken or kept.
            http.formLogin(AbstractHttpConfigurer::disable);
        } else {
            LoginThrottleFilter throttle = throttleFilter(loginThrottle, auditTrail, throttleProperties, users);
            SavedRequestAwareAuthenticationSuccessHandler toPage = new SavedRequestAwareAuthenticationSuccessHandler();
            toPage.setDefaultTargetUrl("/");
            AuthenticationSuccessHandler succeeded = (request, response, authentication) -> {
                throttle.succeeded(LoginThrottleFilter.userName(request.getParameter("username")));
                toPage.onAuthenticationSuccess(request, response, authentication);
            };
            // a failed form login ends in a redirect, not a 401: counted here, like the API chain's 401s
            AuthenticationFailureHandler failed = (request, response, e) -> {
                Duration lockout = throttle.failed(
                        request, LoginThrottleFilter.userName(request.getParameter("username")), "form");
                response.sendRedirect(request.getContextPath() + (lockout.isZero() ? "/login?error" : "/login?locked"));
            };
            http.addFilterBefore(new FormLoginRefusal(throttle), UsernamePasswordAuthenticationFilter.class)
                    .formLogin(form -> form.loginPage("/login")
                            .successHandler(succeeded)
                            .failureHandler(failed)
                            .permitAll());
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
            provider.setPasswordEncoder(passwordEncoder.getObject());
            ProviderManager manager = new ProviderManager(provider);
            // LOCAL mode only, kept in the server-side session: the console calls the services as this user.
            manager.setEraseCredentialsAfterAuthentication(false);
            http.authenticationManager((AuthenticationManager) manager);
        }
        return http.build();
    }

    /** The platform's filter over the shared {@link LoginThrottle}; configured users are logged by name. */
    private static LoginThrottleFilter throttleFilter(
            LoginThrottle loginThrottle,
            ObjectProvider<AuditTrail> auditTrail,
            LoginThrottleProperties properties,
            ObjectProvider<UserDetailsService> users) {
        return new LoginThrottleFilter(
                loginThrottle,
                auditTrail,
                properties,
                name -> users.getIfAvailable() instanceof UserDetailsManager manager && manager.userExists(name));
    }

    /**
     * Before the form login: a login of a locked-out user name or from a locked-out address is not even tried (the
     * right password too); the browser goes back to the login page, which says why (logged and audited).
     */
    private static final class FormLoginRefusal extends OncePerRequestFilter {

        private final LoginThrottleFilter throttle;

        FormLoginRefusal(LoginThrottleFilter throttle) {
            this.throttle = throttle;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !"/login".equals(request.getServletPath());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Duration locked = throttle.refusal(request, LoginThrottleFilter.userName(request.getParameter("username")));
            if (locked.isZero()) {
                chain.doFilter(request, response);
                return;
            }
            response.setHeader("Retry-After", Long.toString(Math.max(1, locked.toSeconds())));
            response.sendRedirect(request.getContextPath() + "/login?locked");
        }
    }

    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** A browser (or htmx in one) made this request: it gets no challenge and no way past CSRF without a token. */
    static boolean fromBrowser(HttpServletRequest request) {
        return wantsHtml(request)
                || request.getHeader("HX-Request") != null
                || request.getHeader("Sec-Fetch-Mode") != null
                || request.getHeader("Origin") != null;
    }

    /**
     * A state-changing request a browser could send from another site: a form (or text/plain) body, or the
     * {@code Origin} / {@code Sec-Fetch-Site} headers every current browser adds to such requests.
     */
    static boolean browserStateChange(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method)) {
            return false;
        }
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data")
                || type.startsWith("text/plain")
                || request.getHeader("Origin") != null
                || request.getHeader("Sec-Fetch-Site") != null;
    }

    /** The API chain keeps no CSRF tokens (it has no session), so a request that needs one never matches. */
    private static final class NoCsrfTokens implements CsrfTokenRepository {

        @Override
        public CsrfToken generateToken(HttpServletRequest request) {
            return new DefaultCsrfToken(
                    "X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString());
        }

        @Override
        public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
            // nothing kept: a stateless chain
        }

        @Override
        public CsrfToken loadToken(HttpServletRequest request) {
            return null;
        }
    }

    private static String challenge(ClaimFlowSecurityProperties properties) {
        return properties.mode() == ClaimFlowSecurityProperties.Mode.JWT ? "Bearer" : "Basic realm=\"claimflow\"";
    }

    /** A browser gets a page, anything else the platform's 403 problem detail; both are audited. */
    private static AccessDeniedHandler pageDeniedHandler(
            ObjectProvider<AuditTrail> auditTrail, AuthenticationEntryPoint entryPoint) {
        AccessDeniedHandler problem = new ProblemAccessDeniedHandler(auditTrail);
        return (request, response, e) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = who == null || who instanceof AnonymousAuthenticationToken;
            if (e instanceof CsrfException && anonymous) {
                // Not logged in at all: that is a 401, not a forged request.
                entryPoint.commence(request, response, null);
                return;
            }
            if (!wantsHtml(request)) {
                problem.handle(request, response, e);
                return;
            }
            String endpoint = request.getMethod() + " " + request.getRequestURI();
            AuditTrail trail = auditTrail.getIfAvailable();
            if (trail != null) {
                try {
                    trail.denied("access", "endpoint", endpoint);
                } catch (RuntimeException failure) {
                    LOG.error(
                            "Could not record denied access to {}: {}",
                            endpoint,
                            failure.getClass().getName());
                }
            }
            if (response.isCommitted()) {
                return;
            }
            response.setStatus(403);
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream()
                    .write(("<!DOCTYPE html><html lang=\"en\"><head><title>Not allowed"
                                    + "</title><link rel=\"stylesheet\" href=\"/css/console.css\"></head><body><main>"
                                    + "<h1>Not allowed</h1><p>Your role does not allow this page.</p><p><a href=\"/\">Back to "
                                    + "the start page</a></p></main></body></html>")
                            .getBytes(StandardCharsets.UTF_8));
        };
    }
}
