package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code claimflow.security.mode=JWT}: the console relays the caller's bearer token to the services (the service
 * sees the same token, so it checks that user's roles), takes roles from a nested claim as the services do, and
 * offers no password login, so no password is ever kept in a session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class JwtModeConsoleTest {

    private static final String ISSUER = "https://idp.example.org/realms/claimflow";
    private static final FakeServices SERVICES = new FakeServices();
    private static final RSAKey KEY = key();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) throws Exception {
        Path publicKey = Files.createTempFile(Path.of("target"), "idp-public-", ".pem");
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(KEY.toRSAPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        registry.add("claimflow.security.mode", () -> "JWT");
        registry.add("claimflow.security.jwt.issuer-uri", () -> ISSUER);
        registry.add("claimflow.security.jwt.public-key-location", () -> "file:" + publicKey.toAbsolutePath());
        registry.add("claimflow.security.jwt.roles-claim", () -> "realm_access.roles");
        registry.add("claimflow.security.jwt.user-name-claim", () -> "preferred_username");
        registry.add("claimflow.console.services.patient-billing-service", SERVICES::url);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @BeforeEach
    void clear() {
        SERVICES.calls.clear();
    }

    @Test
    void theCallersBearerTokenIsRelayedToTheService() throws Exception {
        String token = token("pat", List.of("PATIENT_ACCOUNTS"));
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/patients/7"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/html")
                .build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("riverside-fm-7", "45.00");
        assertThat(SERVICES.calls)
                .containsExactly(
                        "GET /patient-accounts/7?ledgerLines=100 Bearer " + token,
                        "GET /patient-accounts/7/payments?size=20 Bearer " + token,
                        "GET /statements?accountId=7 Bearer " + token);

        HttpResponse<String> otherRole = send(HttpRequest.newBuilder(uri("/patients/7"))
                .header("Authorization", "Bearer " + token("cody", List.of("CODER")))
                .build());
        assertThat(otherRole.statusCode()).isEqualTo(403);
        assertThat(otherRole.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/patients/7"))
                .header("Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA")
                .build());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }

    @Test
    void thereIsNoPasswordLogin() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("bearer-only").doesNotContain("type=\"password\"");
        HttpResponse<String> tried = browser.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=patient-accounts&password=demo-patient-accounts"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // refused: back to the login page (or an error), never logged in and sent on
        assertThat(tried.headers().firstValue("Location").orElse("/login")).endsWith("/login");
        HttpResponse<String> after = browser.send(
                HttpRequest.newBuilder(uri("/patients/7"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(SERVICES.calls).isEmpty();
    }

    private String token(String user, List<String> roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("u-" + user)
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .issueTime(new Date())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("console-test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
