package io.claimflow.platform.security;

import java.util.List;

/**
 * The demo users of the local stack and the tests: {@code coder}, {@code biller}, {@code patient-accounts},
 * {@code admin} and {@code auditor}, password {@code demo-<name>}, each with the role of its name. Demo only: they are
 * published in the README. {@code claimflow.security.demo-users=false} removes them; JWT mode never has them.
 */
public final class DemoUsers {

    /** The demo users, with their roles. */
    public static final List<ClaimFlowSecurityProperties.User> ALL = List.of(
            user("coder", Roles.CODER),
            user("biller", Roles.BILLER),
            user("patient-accounts", Roles.PATIENT_ACCOUNTS),
            user("admin", Roles.ADMIN),
            user("auditor", Roles.AUDITOR));

    private DemoUsers() {}

    /** The documented password of a demo user. */
    public static String password(String name) {
        return "demo-" + name;
    }

    private static ClaimFlowSecurityProperties.User user(String name, String role) {
        // Hashed at start-up with a low cost factor: the passwords are public anyway, and every request of a
        // stateless API verifies the hash again.
        return new ClaimFlowSecurityProperties.User(name, null, List.of(role));
    }
}
