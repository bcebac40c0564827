package io.claimflow.testsupport.archfixture.clean.config;

import java.sql.Connection;

/** Fixture: configuration may touch JDBC. */
public class DatabaseConfig {
    Connection connection;
}
