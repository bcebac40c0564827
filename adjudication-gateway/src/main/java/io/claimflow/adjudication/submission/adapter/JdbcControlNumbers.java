package io.claimflow.adjudication.submission.adapter;

import io.claimflow.adjudication.submission.ControlNumbers;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Control numbers from PostgreSQL sequences: unique across instances and restarts, never reused. */
@Repository
class JdbcControlNumbers implements ControlNumbers {

    private final JdbcClient jdbc;

    JdbcControlNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long nextInterchange() {
        return next("isa_control_number_seq");
    }

    @Override
    public long nextGroup() {
        return next("gs_control_number_seq");
    }

    @Override
    public long nextTransaction() {
        return next("st_control_number_seq");
    }

    @Override
    public List<Long> nextTransactions(int count) {
        return jdbc.sql("SELECT nextval('st_control_number_seq') FROM generate_series(1, ?) ORDER BY 1")
                .param(count)
                .query(Long.class)
                .list();
    }

    private long next(String sequence) {
        return jdbc.sql("SELECT nextval('" + sequence + "')").query(Long.class).single();
    }
}
