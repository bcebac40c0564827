package io.claimflow.payersimulator.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The simulated payer's door (issue 19): HTTP Basic with the configured credentials on every endpoint but
 * {@code /actuator/health}, as a payer's or clearinghouse's SFTP/HTTPS mailbox needs a login. Stateless, no CSRF
 * (machine-to-machine). It also listens on loopback unless {@code PAYER_SIMULATOR_BIND_ADDRESS} says otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SimulatorSecurity.Auth.class)
public class SimulatorSecurity {

    private static final int BCRYPT_COST = 4;

    /** The one login, {@code payer-simulator.auth.*}. */
    @ConfigurationProperties("payer-simulator.auth")
    public record Auth(String username, String password) {

        public Auth {
            if (username == null || username.isBlank() || password == null || password.isBlank()) {
                throw new IllegalStateException("payer-simulator.auth.username and .password are required");
            }
        }

        @Override
        public String toString() {
            return "Auth[username=" + username + "]";
        }
    }

    @Bean
    SecurityFilterChain payerSimulatorSecurity(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService payerSimulatorUsers(Auth auth) {
        // a low bcrypt cost: the password is checked on every call, and this is a stand-in payer
        return new InMemoryUserDetailsManager(User.withUsername(auth.username())
                .password("{bcrypt}" + new BCryptPasswordEncoder(BCRYPT_COST).encode(auth.password()))
                .roles("SUBMITTER")
                .build());
    }

    /**
     * bcrypt at the login's own cost: with Spring's default encoder (cost 10) the first login "upgraded" the stored
     * hash to cost 10, and every call after it paid about 140 ms of CPU to check it (issue 22).
     */
    @Bean
    PasswordEncoder payerSimulatorPasswordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(BCRYPT_COST)));
    }
}
