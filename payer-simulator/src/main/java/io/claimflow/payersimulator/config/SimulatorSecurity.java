package io.claimflow.payersimulator.config;

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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
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
                .password("{bcrypt}" + new BCryptPasswordEncoder(4).encode(auth.password()))
                .roles("SUBMITTER")
                .build());
    }

    @Bean
    PasswordEncoder payerSimulatorPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
