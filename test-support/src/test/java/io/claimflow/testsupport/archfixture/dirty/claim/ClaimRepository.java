package io.claimflow.testsupport.archfixture.dirty.claim;

import java.sql.Connection;
import java.sql.SQLException;

/** Fixture: domain code reaching for JDBC, which the rule must catch. */
public class ClaimRepository {
    void save(Connection connection) throws SQLException {
        connection.commit();
    }
}
