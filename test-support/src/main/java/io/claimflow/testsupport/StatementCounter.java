package io.claimflow.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the statements and commits a piece of code sends to PostgreSQL on the calling thread, at the JDBC
 * {@link DataSource}: for guard tests that keep the work per event from creeping back (issue 22), deterministic where
 * a timing is not. Import it into a test's Spring context (it wraps every {@code DataSource} bean), then
 * {@link #count(Runnable)} what to measure. A JDBC batch counts as one statement (the driver rewrites a batch of
 * inserts into one), transaction control ({@code setAutoCommit}, {@code commit}) as none; an auto-commit statement
 * is a transaction of its own and counts as a commit.
 *
 * <pre>{@code
 * @SpringBootTest
 * @Import(StatementCounter.class)
 * class SomethingWorkPerPollTest {
 *     @Autowired
 *     StatementCounter counter;
 * ...
 * StatementCounter.Counts counts = counter.count(() -> listener.on(records));
 * assertThat(counts.commits()).isEqualTo(1);
 * }</pre>
 */
public final class StatementCounter implements BeanPostProcessor {

    /** What the code sent on its thread. */
    public record Counts(int statements, int commits) {}

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> BATCH = Set.of("executeBatch", "executeLargeBatch");

    private final ThreadLocal<int[]> counting = new ThreadLocal<>();

    /** Runs {@code work} on this thread and returns what it sent. */
    public Counts count(Runnable work) {
        return count(() -> {
                    work.run();
                    return null;
                })
                .counts();
    }

    /** Runs {@code work} on this thread and returns its result with what it sent. */
    public <T> Counted<T> count(Supplier<T> work) {
        int[] counts = new int[2];
        int[] outer = counting.get();
        counting.set(counts);
        try {
            T result = work.get();
            return new Counted<>(result, new Counts(counts[0], counts[1]));
        } finally {
            counting.set(outer);
        }
    }

    /** A result and what producing it sent. */
    public record Counted<T>(T result, Counts counts) {}

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(
                    DataSource.class,
                    dataSource,
                    (method, result) -> result instanceof Connection connection
                            ? proxy(Connection.class, connection, this::connectionResult, this::onConnection)
                            : result,
                    null);
        }
        return bean;
    }

    private Object connectionResult(Method method, Object result) {
        if (result instanceof Statement statement) {
            Class<?> type = result instanceof java.sql.CallableStatement
                    ? java.sql.CallableStatement.class
                    : result instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
            return proxy(type, statement, (m, r) -> r, this::onStatement);
        }
        return result;
    }

    // a commit, or leaving a transaction by switching auto-commit back on, is the end of one transaction
    private void onConnection(Object target, Method method, Object[] args) throws Exception {
        int[] counts = counting.get();
        if (counts != null && method.getName().equals("commit")) {
            counts[1]++;
        }
    }

    private void onStatement(Object target, Method method, Object[] args) throws Exception {
        int[] counts = counting.get();
        if (counts == null) {
            return;
        }
        if (EXECUTE.contains(method.getName()) || BATCH.contains(method.getName())) {
            counts[0]++;
            Connection connection = ((Statement) target).getConnection();
            if (connection.getAutoCommit()) {
                counts[1]++;
            }
        }
    }

    private interface Before {
        void accept(Object target, Method method, Object[] args) throws Exception;
    }

    private interface After {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, Object target, After after, Before before) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                // what is wrapped is the driver's or the pool's own (Spring Boot derives Flyway's DataSource from it)
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            if (before != null) {
                before.accept(target, method, args);
            }
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(
                Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
