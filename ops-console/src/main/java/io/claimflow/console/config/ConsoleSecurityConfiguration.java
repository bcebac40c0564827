package io.claimflow.console.config;

import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.security.ClaimFlowSecurityAutoConfiguration;
import io.claimflow.platform.security.ClaimFlowSecurityProperties;
import io.claimflow.platform.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
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
 *   platform's rules: stateless, HTTP Basic (or JWT in {@code claimflow.security.mode=JWT}), no CSRF (nothing is
 *   sent automatically by a browser), 401/403 as problem details, health open, actuator and {@code /admin/**}
 *   ADMIN.</li>
 *   <li><b>Console chain</b>: everything else, i.e. browsers. Form login against the platform's users, a session
 *   (cookie HttpOnly, SameSite=Strict), CSRF tokens on every form and htmx request. A browser that is not logged in
 *   is sent to {@code /login}; any other caller gets a 401 problem detail. Role checks stay on the handlers'
 *   {@code @PreAuthorize}.</li>
 * </ol>
 *
 * The form login keeps the password in the server-side session's authentication (not erased) so that the console
 * can call the services' REST APIs as the logged-in user ({@code services.adapter.ServiceCalls}).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    /** Paths anyone may open: the login page and static assets. */
    static final String[] PUBLIC_PATHS = {"/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error"};

    @Bean
    @Order(1)
    SecurityFilterChain consoleApiFilterChain(HttpSecurity http, ClaimFlowSecurityProperties properties,
            ObjectProvider<AuditTrail> auditTrail) throws Exception {
        boolean jwt = properties.mode() == ClaimFlowSecurityProperties.Mode.JWT;
        AuthenticationEntryPoint entryPoint = problemEntryPoint(jwt ? "Bearer" : "Basic realm=\"claimflow\"");
        AccessDeniedHandler denied = deniedHandler(auditTrail, entryPoint);
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
            JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
            authorities.setAuthoritiesClaimName(properties.jwt().rolesClaim());
            authorities.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(authorities);
            converter.setPrincipalClaimName(properties.jwt().userNameClaim());
            http.oauth2ResourceServer(resourceServer -> resourceServer.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied)
                    .jwt(token -> token.decoder(ClaimFlowSecurityAutoConfiguration.jwtDecoder(properties.jwt()))
                            .jwtAuthenticationConverter(converter)));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consolePageFilterChain(HttpSecurity http, ObjectProvider<UserDetailsService> users,
            ObjectProvider<PasswordEncoder> passwordEncoder, ObjectProvider<AuditTrail> auditTrail) throws Exception {
        AuthenticationEntryPoint problem = problemEntryPoint("FormBased");
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
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler(auditTrail, entryPoint)));
        UserDetailsService userDetails = users.getIfAvailable();
        if (userDetails != null) {
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
            provider.setPasswordEncoder(passwordEncoder.getObject());
            ProviderManager manager = new ProviderManager(provider);
            // Kept in the server-side session only: the console calls the services as this user.
            manager.setEraseCredentialsAfterAuthentication(false);
            http.authenticationManager((AuthenticationManager) manager);
        }
        return http.build();
    }

    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static AuthenticationEntryPoint problemEntryPoint(String challenge) {
        return (request, response, e) -> {
            if (!challenge.equals("FormBased")) {
                response.setHeader("WWW-Authenticate", challenge);
            }
            writeProblem(request, response, 401, "Unauthorized", "Log in to use this resource");
        };
    }

    private static AccessDeniedHandler deniedHandler(ObjectProvider<AuditTrail> auditTrail,
            AuthenticationEntryPoint entryPoint) {
        return (request, response, e) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = who == null || who instanceof AnonymousAuthenticationToken;
            if (e instanceof CsrfException && anonymous) {
                // Not logged in at all: that is a 401, not a forged request.
                entryPoint.commence(request, response, null);
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
            if (wantsHtml(request)) {
                response.setStatus(403);
                response.setContentType("text/html;charset=UTF-8");
                response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><title>Not allowed"
                        + "</title><link rel=\"stylesheet\" href=\"/css/console.css\"></head><body><main>"
                        + "<h1>Not allowed</h1><p>Your role does not allow this page.</p><p><a href=\"/\">Back to "
                        + "the start page</a></p></main></body></html>").getBytes(StandardCharsets.UTF_8));
            } else {
                writeProblem(request, response, 403, "Forbidden", "Your role does not allow this request");
            }
        };
    }

    private static void writeProblem(HttpServletRequest request, HttpServletResponse response, int status,
            String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String instance = request.getRequestURI().replace("\\", "\\\\").replace("\"", "\\\"");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
