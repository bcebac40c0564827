package io.claimflow.platform.security;

import io.claimflow.platform.audit.AuditTrail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring Security for every ClaimFlow servlet service, with no per-service configuration.
 *
 * <ul>
 *   <li>{@code /actuator/health/**} open; every other actuator endpoint and {@code /admin/**} need ADMIN; everything
 *   else needs an authenticated caller, and each handler method says which roles with {@code @PreAuthorize}
 *   (method security is on).</li>
 *   <li>Stateless (no session), no CSRF tokens (a JSON API without cookies), 401 and 403 as RFC 9457 problem
 *   details; every 403 is written to the audit trail with outcome {@code DENIED}.</li>
 *   <li>Failed logins throttled per user name and per client address ({@link LoginThrottleFilter},
 *   {@code claimflow.security.login-throttle.*}): 429 with {@code Retry-After} while locked out; every 401 and 429
 *   logged and audited with ids only.</li>
 *   <li>{@code claimflow.security.mode=LOCAL} (default): HTTP Basic against users with bcrypt-hashed passwords from
 *   {@code claimflow.security.users}, plus the demo users unless {@code claimflow.security.demo-users=false}.</li>
 *   <li>{@code claimflow.security.mode=JWT}: OAuth2 resource server; bearer JWTs checked for signature, expiry,
 *   issuer and audience; roles from a configurable claim. No local users, no HTTP Basic.</li>
 * </ul>
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web."
                    + "OAuth2ResourceServerWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties({ClaimFlowSecurityProperties.class, LoginThrottleProperties.class})
@EnableWebSecurity
@EnableMethodSecurity
public class ClaimFlowSecurityAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimFlowSecurityAutoConfiguration.class);

    /** Cost factor of the demo users' hashes: their passwords are public, and every request verifies again. */
    private static final int DEMO_BCRYPT_STRENGTH = 4;

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain claimFlowSecurityFilterChain(
            HttpSecurity http,
            ClaimFlowSecurityProperties properties,
            ObjectProvider<AuditTrail> auditTrail,
            ObjectProvider<JwtDecoder> jwtDecoder,
            LoginThrottle loginThrottle,
            LoginThrottleProperties throttleProperties,
            ObjectProvider<UserDetailsService> userDetails)
            throws Exception {
        boolean jwt = properties.mode() == ClaimFlowSecurityProperties.Mode.JWT;
        ProblemAuthenticationEntryPoint entryPoint =
                new ProblemAuthenticationEntryPoint(jwt ? "Bearer" : "Basic realm=\"claimflow\"");
        ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler(auditTrail);
        http.addFilterBefore(
                        new LoginThrottleFilter(
                                loginThrottle,
                                auditTrail,
                                throttleProperties,
                                name -> userDetails.getIfAvailable() instanceof UserDetailsManager users
                                        && users.userExists(name)),
                        LogoutFilter.class)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> {})
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole(Roles.ADMIN)
                        // Spring Boot's error page: the error of a request that was already authorized.
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.OPTIONS)
                        .authenticated()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
        if (jwt) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(deniedHandler)
                    .jwt(token -> token.decoder(jwtDecoder.getObject())
                            .jwtAuthenticationConverter(new JwtRoles(
                                    properties.jwt().rolesClaim(),
                                    properties.jwt().userNameClaim()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint));
        }
        return http.build();
    }

    /** Failed logins per user name and client address ({@code claimflow.security.login-throttle}). */
    @Bean
    @ConditionalOnMissingBean
    LoginThrottle claimFlowLoginThrottle(LoginThrottleProperties properties, ObjectProvider<Clock> clock) {
        Clock source = clock.getIfUnique();
        return new LoginThrottle(properties, source == null ? Clock.systemUTC() : source);
    }

    /** Roles before argument binding, so that a caller without the role gets 403 rather than a 400. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class RolesBeforeBinding {

        @Bean
        WebMvcConfigurer claimFlowRolesBeforeBinding() {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new RolesBeforeBindingInterceptor());
                }
            };
        }
    }

    /** Local users: configured ones and, unless switched off, the demo users. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "claimflow.security.mode", havingValue = "LOCAL", matchIfMissing = true)
    static class LocalUsers {

        @Bean
        @ConditionalOnMissingBean
        PasswordEncoder claimFlowPasswordEncoder() {
            // checks a hash at the cost it was made with and never re-hashes it: with the upgrade Spring Security
            // does by default, the demo users' cost-4 hashes became cost 10 on their first login, and every request
            // after that paid a slow bcrypt check (about 140 ms of CPU on a cold JVM; issue 22)
            PasswordEncoder bcrypt = new BCryptPasswordEncoder();
            return new PasswordEncoder() {
                @Override
                public String encode(CharSequence rawPassword) {
                    return bcrypt.encode(rawPassword);
                }

                @Override
                public boolean matches(CharSequence rawPassword, String encodedPassword) {
                    return bcrypt.matches(rawPassword, encodedPassword);
                }
                // upgradeEncoding: PasswordEncoder's default, false
            };
        }

        @Bean
        @ConditionalOnMissingBean
        UserDetailsService claimFlowUserDetailsService(ClaimFlowSecurityProperties properties) {
            List<UserDetails> users = new ArrayList<>();
            if (properties.demoUsers()) {
                BCryptPasswordEncoder demoEncoder = new BCryptPasswordEncoder(DEMO_BCRYPT_STRENGTH);
                for (ClaimFlowSecurityProperties.User demo : DemoUsers.ALL) {
                    users.add(user(demo.name(), demoEncoder.encode(DemoUsers.password(demo.name())), demo.roles()));
                }
                LOG.warn("Demo users are enabled (coder, biller, patient-accounts, admin, auditor; passwords in the "
                        + "README): for a developer machine only. Set claimflow.security.demo-users=false or "
                        + "claimflow.security.mode=JWT anywhere else.");
            }
            for (ClaimFlowSecurityProperties.User user : properties.users()) {
                users.add(user(user.name(), bcryptHash(user), user.roles()));
            }
            if (users.isEmpty()) {
                LOG.warn("No local users: every request but health gets 401 (claimflow.security.users is empty)");
            }
            return new InMemoryUserDetailsManager(users);
        }

        private static UserDetails user(String name, String hash, List<String> roles) {
            return User.withUsername(name)
                    .password(hash)
                    .roles(roles.stream()
                            .map(role -> role.trim().toUpperCase(Locale.ROOT))
                            .toArray(String[]::new))
                    .build();
        }

        private static String bcryptHash(ClaimFlowSecurityProperties.User user) {
            if (user.name() == null || user.name().isBlank()) {
                throw new IllegalStateException("claimflow.security.users: every user needs a name");
            }
            String hash = user.passwordHash() == null ? "" : user.passwordHash().trim();
            if (hash.startsWith("{bcrypt}")) {
                hash = hash.substring("{bcrypt}".length());
            }
            if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                // Never the value itself: it may be a plain-text password put there by mistake.
                throw new IllegalStateException("claimflow.security.users: password-hash of user '" + user.name()
                        + "' is not a bcrypt hash ($2a$<cost>$...); plain-text passwords are refused");
            }
            return hash;
        }
    }

    /** OAuth2 resource server: the JWT decoder with ClaimFlow's issuer and audience checks. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "claimflow.security.mode", havingValue = "JWT")
    static class JwtResourceServer {

        @Bean
        @ConditionalOnMissingBean
        JwtDecoder claimFlowJwtDecoder(ClaimFlowSecurityProperties properties) {
            return jwtDecoder(properties.jwt());
        }
    }

    /** The decoder for {@code claimflow.security.jwt.*}; public for tests and for services with a second chain. */
    public static JwtDecoder jwtDecoder(ClaimFlowSecurityProperties.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(
                hasText(jwt.issuerUri())
                        ? JwtValidators.createDefaultWithIssuer(jwt.issuerUri())
                        : JwtValidators.createDefault());
        if (!jwt.audiences().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD,
                    audiences -> audiences != null && audiences.stream().anyMatch(jwt.audiences()::contains)));
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        if (jwt.publicKeyLocation() != null) {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(publicKey(jwt)).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (hasText(jwt.jwkSetUri())) {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (hasText(jwt.issuerUri())) {
            // Discovered on first use, so that a service starts while its identity provider is still starting.
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(jwt.issuerUri());
                decoder.setJwtValidator(validator);
                return decoder;
            });
        }
        throw new IllegalStateException("claimflow.security.mode=JWT needs claimflow.security.jwt.issuer-uri, "
                + "jwk-set-uri or public-key-location");
    }

    private static RSAPublicKey publicKey(ClaimFlowSecurityProperties.Jwt jwt) {
        try (InputStream in = jwt.publicKeyLocation().getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("claimflow.security.jwt.public-key-location could not be read", e);
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
