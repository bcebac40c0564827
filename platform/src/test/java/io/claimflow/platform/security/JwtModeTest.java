package io.claimflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** JWT resource-server mode: signature, issuer, audience and expiry checked, roles from the claim, no local users. */
class JwtModeTest {

    private static final String ISSUER = "https://idp.example.org/realms/claimflow";

    @TempDir
    static Path dir;

    static RSAKey key;
    static RSAKey otherKey;
    static Path publicKey;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).generate();
        otherKey = new RSAKeyGenerator(2048).generate();
        publicKey = dir.resolve("idp-public.pem");
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.toRSAPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ClaimFlowSecurityAutoConfiguration.class,
                    SecurityAutoConfiguration.class,
                    UserDetailsServiceAutoConfiguration.class,
                    SecurityFilterAutoConfiguration.class,
                    WebMvcAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class));

    private WebApplicationContextRunner jwtMode() {
        return runner.withPropertyValues(
                "claimflow.security.mode=JWT",
                "claimflow.security.jwt.issuer-uri=" + ISSUER,
                "claimflow.security.jwt.public-key-location=file:" + publicKey,
                "claimflow.security.jwt.audiences=claimflow-api",
                "claimflow.security.jwt.roles-claim=realm_access.roles",
                "claimflow.security.jwt.user-name-claim=preferred_username");
    }

    @Test
    void acceptsAValidTokenAndMapsItsRoles() throws Exception {
        JwtDecoder decoder = decoder();
        Jwt jwt =
                decoder.decode(token(key, ISSUER, "claimflow-api", Instant.now().plusSeconds(300)));

        List<GrantedAuthority> authorities =
                new JwtRoles("realm_access.roles", "preferred_username").authorities(jwt.getClaims());
        assertThat(authorities)
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_BILLER", "ROLE_OFFLINE_ACCESS");
        assertThat(new JwtRoles("realm_access.roles", "preferred_username")
                        .convert(jwt)
                        .getName())
                .isEqualTo("b.jones");
    }

    @Test
    void refusesWrongAudienceIssuerSignatureAndExpiredTokens() throws Exception {
        JwtDecoder decoder = decoder();
        Instant later = Instant.now().plusSeconds(300);
        assertThatThrownBy(() -> decoder.decode(token(key, ISSUER, "some-other-api", later)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("aud");
        assertThatThrownBy(() -> decoder.decode(token(key, "https://evil.example.org", "claimflow-api", later)))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("iss");
        assertThatThrownBy(() -> decoder.decode(token(otherKey, ISSUER, "claimflow-api", later)))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(
                        token(key, ISSUER, "claimflow-api", Instant.now().minusSeconds(3600))))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("xpired");
    }

    @Test
    void jwtModeHasNoLocalUsersAndRefusesBasicAuth() {
        jwtMode().run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(UserDetailsService.class)
                    .hasSingleBean(JwtDecoder.class);
            MockMvc mvc = mvc(context);
            mvc.perform(get("/claims/c-1").with(basic("biller", "demo-biller"))).andExpect(status().isUnauthorized());
            mvc.perform(get("/claims/c-1")
                            .header(
                                    "Authorization",
                                    "Bearer "
                                            + token(
                                                    key,
                                                    ISSUER,
                                                    "claimflow-api",
                                                    Instant.now().plusSeconds(300))))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/claims/c-1")
                            .header(
                                    "Authorization",
                                    "Bearer "
                                            + token(
                                                    key,
                                                    ISSUER,
                                                    "other-api",
                                                    Instant.now().plusSeconds(300))))
                    .andExpect(status().isUnauthorized());
        });
    }

    @Test
    void localModeWithoutDemoUsersHasOnlyConfiguredOnes() {
        String hash = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("s3cret");
        runner.withPropertyValues(
                        "claimflow.security.demo-users=false",
                        "claimflow.security.users[0].name=ops",
                        "claimflow.security.users[0].password-hash={bcrypt}" + hash,
                        "claimflow.security.users[0].roles=ADMIN")
                .run(context -> {
                    MockMvc mvc = mvc(context);
                    mvc.perform(get("/admin/x").with(basic("biller", "demo-biller")))
                            .andExpect(status().isUnauthorized());
                    mvc.perform(get("/admin/x").with(basic("ops", "s3cret"))).andExpect(status().isNotFound());
                });
    }

    @Test
    void plainTextPasswordsAreRefused() {
        runner.withPropertyValues(
                        "claimflow.security.users[0].name=ops",
                        "claimflow.security.users[0].password-hash=s3cret-plain",
                        "claimflow.security.users[0].roles=ADMIN")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("is not a bcrypt hash")
                        .hasMessageNotContaining("s3cret-plain"));
    }

    private static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor basic(
            String user, String password) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic(
                user, password);
    }

    private static JwtDecoder decoder() {
        return ClaimFlowSecurityAutoConfiguration.jwtDecoder(new ClaimFlowSecurityProperties.Jwt(
                ISSUER,
                null,
                new FileSystemResource(publicKey),
                List.of("claimflow-api"),
                "realm_access.roles",
                "preferred_username"));
    }

    private static String token(RSAKey signingKey, String issuer, String audience, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("3f1c-user")
                .audience(audience)
                .claim("preferred_username", "b.jones")
                .claim("realm_access", Map.of("roles", List.of("biller", "offline_access")))
                .issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }
}
