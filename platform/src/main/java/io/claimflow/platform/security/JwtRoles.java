package io.claimflow.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated JWT into the caller: roles from the configured claim ({@code roles} by default; a list or a
 * space-separated string; dots walk into nested objects such as Keycloak's {@code realm_access.roles}), each as
 * authority {@code ROLE_<role>} with a leading {@code ROLE_} and case ignored; name from the configured claim.
 */
public final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String userNameClaim;

    /**
     * @param rolesClaim the claim holding the roles (dots walk into nested objects)
     * @param userNameClaim the claim holding the user's name (the subject when absent)
     */
    public JwtRoles(String rolesClaim, String userNameClaim) {
        this.rolesClaim = rolesClaim;
        this.userNameClaim = userNameClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString(userNameClaim);
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), name != null ? name : jwt.getSubject());
    }

    List<GrantedAuthority> authorities(Map<String, Object> claims) {
        Object value = claims;
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> roles = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> roles.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            roles.addAll(List.of(text.trim().split("\\s+")));
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles) {
            String normalized = role.trim().toUpperCase(Locale.ROOT);
            if (normalized.startsWith("ROLE_")) {
                normalized = normalized.substring("ROLE_".length());
            }
            if (!normalized.isEmpty()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + normalized));
            }
        }
        return authorities;
    }
}
