package io.claimflow.testsupport.archfixture.edge.claim.adapter;

import java.sql.Connection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fixture: a controller that queries the database itself, handles its own errors and states roles two ways. */
@RestController
public class ClaimController {

    Connection connection;

    @GetMapping("/claims")
    String list() {
        return "[]";
    }

    @PostMapping("/claims")
    @PreAuthorize("hasAuthority('ROLE_BILLER')")
    String create() {
        return "{}";
    }

    @GetMapping("/claims/open")
    @PreAuthorize("hasAnyRole('BILLER', 'AUDITOR')")
    String open() {
        return "[]";
    }

    @ExceptionHandler(IllegalStateException.class)
    String failed(IllegalStateException e) {
        return "failed";
    }
}
