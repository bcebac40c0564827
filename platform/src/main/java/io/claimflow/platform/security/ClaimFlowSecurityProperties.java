package io.claimflow.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * How a ClaimFlow service authenticates callers, prefix {@code claimflow.security}. Authorization rules do not live
 * here: every handler method carries {@code @PreAuthorize} with {@link Roles}.
 *
 * @param mode {@link Mode#LOCAL} (HTTP Basic against configured users) or {@link Mode#JWT} (OAuth2 resource server)
 * @param demoUsers in {@link Mode#LOCAL}: whether the documented demo users ({@code coder}/{@code demo-coder}, ...)
 *     exist; switch off anywhere but a developer machine. Never used in {@link Mode#JWT}.
 * @param users in {@link Mode#LOCAL}: further users, each with a bcrypt hash of its password
 * @param jwt in {@link Mode#JWT}: where keys come from and what a token must say
 */
@ConfigurationProperties("claimflow.security")
public record ClaimFlowSecurityProperties(
        @DefaultValue("LOCAL") Mode mode,
        @DefaultValue("true") boolean demoUsers,
        List<User> users,
        @DefaultValue Jwt jwt) {

    public ClaimFlowSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** Where callers' identities come from. */
    public enum Mode {
        /** Users from configuration (bcrypt-hashed passwords), HTTP Basic: the local stack and tests. */
        LOCAL,
        /** Bearer JWTs from an identity provider, checked for signature, issuer, audience and expiry. */
        JWT
    }

    /**
     * A configured local user.
     *
     * @param name user name
     * @param passwordHash bcrypt hash of the password ({@code $2a$...}, optionally prefixed {@code {bcrypt}});
     *     plain-text passwords are refused
     * @param roles role names from {@link Roles}
     */
    public record User(String name, String passwordHash, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * JWT resource-server settings. One of {@code issuerUri}, {@code jwkSetUri} or {@code publicKeyLocation} is
     * required in {@link Mode#JWT}.
     *
     * @param issuerUri expected {@code iss}; also where the keys are discovered (OpenID configuration) unless
     *     {@code jwkSetUri} or {@code publicKeyLocation} is set
     * @param jwkSetUri the identity provider's JWK set
     * @param publicKeyLocation an RSA public key (X.509 PEM), for providers without a JWK set
     * @param audiences accepted {@code aud} values; a token must name at least one (empty: not checked)
     * @param rolesClaim claim holding the caller's roles, a list or a space-separated string; dots go into nested
     *     objects ({@code realm_access.roles})
     * @param userNameClaim claim naming the caller in the audit trail
     */
    public record Jwt(
            String issuerUri,
            String jwkSetUri,
            Resource publicKeyLocation,
            List<String> audiences,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String userNameClaim) {

        public Jwt {
            // Blank entries (an empty environment variable) mean "not set", not an audience "".
            audiences = audiences == null
                    ? List.of()
                    : audiences.stream()
                            .filter(audience -> audience != null && !audience.isBlank())
                            .toList();
        }
    }
}
