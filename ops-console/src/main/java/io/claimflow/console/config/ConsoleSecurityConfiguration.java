package io.claimflow.console.config;

import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.ClaimFlowSecurityAutoConfiguration;
import io.claimflow.platform.security.ClaimFlowSecurityProperties;
import io.claimflow.platform.security.JwtRoles;
import io.claimflow.platform.security.ProblemAccessDeniedHandler;
import io.claimflow.platform.security.ProblemAuthenticationEntryPoint;
import io.claimflow.platform.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The platform's single stateless chain steps aside when an application declares its own
 * ({@code @ConditionalOnMissingBean}), so the console declares both:
 *
 * <ol>
 *   <li><b>API chain</b> (first): requests that carry an {@code Authorization} header, and the actuator. The
 *   platform's rules: stateless, HTTP Basic (or JWT in {@code claimflow.security.mode=JWT}, with the platform's
 *   {@link JwtRoles}), no CSRF (nothing is sent automatically by a browser), 401/403 as the platform's problem
 *   details, health open, actuator and {@code /admin/**} ADMIN.</li>
 *   <li><b>Console chain</b>: everything else, i.e. browsers. Form login against the platform's users, a session
 *   (cookie HttpOnly, SameSite=Strict), CSRF tokens on every form and htmx request. A browser that is not logged in
 *   is sent to {@code /login}; any other caller gets a 401 problem detail. Role checks stay on the handlers'
 *   {@code @PreAuthorize}.</li>
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
    SecurityFilterChain consoleApiFilterChain(HttpSecurity http, ClaimFlowSecurityProperties properties,
            ObjectProvider<AuditTrail> auditTrail, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        boolean jwt = properties.mode() == ClaimFlowSecurityProperties.Mode.JWT;
        AuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(challenge(properties));
        AccessDeniedHandler denied = new ProblemAccessDeniedHandler(auditTrail);
        RequestMatcher withCredentials = request -> request.getHeader("Authorization") != null;
        http.securityMatcher(request -> withCredentials.matches(request)
                        || EndpointRequest.toAnyEndpoint().matches(request))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Roles.ADMIN)
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/admin/**").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.OPTIONS).authenticated()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied));
        if (jwt) {
            JwtDecoder decoder = jwtDecoder.getIfAvailable(
                    () -> ClaimFlowSecurityAutoConfiguration.jwtDecoder(properties.jwt()));
            http.oauth2ResourceServer(resourceServer -> resourceServer.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied)
                    .jwt(token -> token.decoder(decoder).jwtAuthenticationConverter(
                            new JwtRoles(properties.jwt().rolesClaim(), properties.jwt().userNameClaim()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consolePageFilterChain(HttpSecurity http, ClaimFlowSecurityProperties properties,
            ObjectProvider<UserDetailsService> users, ObjectProvider<PasswordEncoder> passwordEncoder,
            ObjectProvider<AuditTrail> auditTrail) throws Exception {
        boolean jwt = properties.mode() == ClaimFlowSecurityProperties.Mode.JWT;
        AuthenticationEntryPoint problem = new ProblemAuthenticationEntryPoint(challenge(properties));
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (wantsHtml(request)) {
                login.commence(request, response, e);
            } else {
                problem.commence(request, response, e);
            }
        };
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/admin/**").hasRole(Roles.ADMIN)
                        .anyRequest().authenticated())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(pageDeniedHandler(auditTrail, entryPoint)));
        UserDetailsService userDetails = users.getIfAvailable();
        if (jwt || userDetails == null) {
            // JWT mode: the identity provider's bearer tokens only (API chain); no password is ever taken or kept.
            http.formLogin(AbstractHttpConfigurer::disable);
        } else {
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll());
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
            provider.setPasswordEncoder(passwordEncoder.getObject());
            ProviderManager manager = new ProviderManager(provider);
            // LOCAL mode only, kept in the server-side session: the console calls the services as this user.
            manager.setEraseCredentialsAfterAuthentication(false);
            http.authenticationManager((AuthenticationManager) manager);
        }
        return http.build();
    }

    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static String challenge(ClaimFlowSecurityProperties properties) {
        return properties.mode() == ClaimFlowSecurityProperties.Mode.JWT ? "Bearer" : "Basic realm=\"claimflow\"";
    }

    /** A browser gets a page, anything else the platform's 403 problem detail; both are audited. */
    private static AccessDeniedHandler pageDeniedHandler(ObjectProvider<AuditTrail> auditTrail,
            AuthenticationEntryPoint entryPoint) {
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
                    LOG.error("Could not record denied access to {}: {}", endpoint, failure.getClass().getName());
                }
            }
            if (response.isCommitted()) {
                return;
            }
            response.setStatus(403);
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><title>Not allowed"
                    + "</title><link rel=\"stylesheet\" href=\"/css/console.css\"></head><body><main>"
                    + "<h1>Not allowed</h1><p>Your role does not allow this page.</p><p><a href=\"/\">Back to "
                    + "the start page</a></p></main></body></html>").getBytes(StandardCharsets.UTF_8));
        };
    }
}
