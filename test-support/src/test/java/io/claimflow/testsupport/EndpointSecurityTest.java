package io.claimflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** How the harness reads endpoints and rules; the HTTP part runs in the platform's and the services' tests. */
class EndpointSecurityTest {

    @RestController
    static class Guarded {

        @GetMapping("/claims/{claimId}")
        @PreAuthorize("hasAnyRole('BILLER', 'CODER')")
        String claim(@PathVariable String claimId) {
            return claimId;
        }

        @PostMapping("/claims/{claimId:[a-z0-9-]+}/release")
        @PreAuthorize("hasRole('BILLER')")
        String release(@PathVariable String claimId, @RequestBody String body) {
            return claimId;
        }
    }

    @RestController
    @PreAuthorize("hasRole(T(io.claimflow.platform.security.Roles).AUDITOR)")
    static class ClassLevel {

        @GetMapping("/audit/things")
        String things() {
            return "";
        }
    }

    @RestController
    static class Unguarded {

        @GetMapping("/open/patients")
        String patients() {
            return "";
        }
    }

    @Test
    void readsRolesFromMethodAndClassRules() {
        List<EndpointSecurity.Endpoint> endpoints =
                harness(Guarded.class, ClassLevel.class).endpoints();

        assertThat(endpoints)
                .extracting(EndpointSecurity.Endpoint::toString)
                .containsExactlyInAnyOrder(
                        "GET /audit/things [AUDITOR]",
                        "GET /claims/{claimId} [BILLER, CODER]",
                        "POST /claims/{claimId:[a-z0-9-]+}/release [BILLER]");
        assertThat(endpoints)
                .filteredOn(EndpointSecurity.Endpoint::body)
                .extracting(EndpointSecurity.Endpoint::method)
                .containsExactly("POST");
    }

    @Test
    void failsForAHandlerWithoutARule() {
        assertThatThrownBy(() -> harness(Guarded.class, Unguarded.class).endpoints())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /open/patients")
                .hasMessageContaining("Unguarded#patients")
                .hasMessageContaining("has no @PreAuthorize")
                .hasMessageNotContaining("/claims/");
    }

    @Test
    void listedPublicPathsNeedNoRule() {
        assertThat(harness(Unguarded.class).withPublicPath("/open/patients").endpoints())
                .extracting(EndpointSecurity.Endpoint::roles)
                .containsExactly(Set.of());
    }

    @Test
    void onlyRoleTermsJoinedByOrAreUnderstood() {
        assertThat(EndpointSecurity.roles("hasRole('BILLER')")).containsExactly("BILLER");
        assertThat(EndpointSecurity.roles("hasAnyRole('BILLER','ROLE_CODER')")).containsExactly("BILLER", "CODER");
        assertThat(EndpointSecurity.roles("hasRole('ADMIN') or hasAnyRole('AUDITOR', 'BILLER')"))
                .containsExactly("ADMIN", "AUDITOR", "BILLER");
        assertThat(EndpointSecurity.roles("hasRole('BILLER') and #claimId.startsWith('c')"))
                .isNull();
        assertThat(EndpointSecurity.roles("!hasRole('BILLER')")).isNull();
        assertThat(EndpointSecurity.roles("permitAll()")).isNull();
        assertThat(EndpointSecurity.roles("isAuthenticated()")).isNull();
        assertThat(EndpointSecurity.roles("hasRole('BILLER', 'CODER')")).isNull();
    }

    @Test
    void pathVariablesGetPlaceholders() {
        EndpointSecurity harness = harness(Guarded.class).withPlaceholder("topic", "claimflow.claim.denied.v1");
        assertThat(harness.concretePath("/claims/{claimId:[a-z0-9-]+}/release")).isEqualTo("/claims/0/release");
        assertThat(harness.concretePath("/admin/dead-letters/{topic}"))
                .isEqualTo("/admin/dead-letters/claimflow.claim.denied.v1");
        assertThat(harness.concretePath("/files/**")).isEqualTo("/files/x");
    }

    private static EndpointSecurity harness(Class<?>... controllers) {
        GenericApplicationContext context = new GenericApplicationContext();
        for (Class<?> controller : controllers) {
            context.registerBean(controller);
        }
        context.registerBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        context.refresh();
        return EndpointSecurity.of(context, 1);
    }
}
