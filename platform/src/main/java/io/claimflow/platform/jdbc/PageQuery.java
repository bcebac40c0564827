package io.claimflow.platform.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a filtered list, the way every list of the services is read: a {@code WHERE} of optional criteria with
 * named parameters, counted once and read a page at a time ({@code ORDER BY ... OFFSET ... LIMIT}) with
 * {@link JdbcClient}.
 *
 * <pre>{@code
 * PageQuery query = PageQuery.where("c.is_current")
 *         .and("c.payer_id = :payerId", "payerId", search.payerId())   // left out when null or blank
 *         .and("c.date_of_service <= :serviceTo", "serviceTo", search.serviceTo());
 * long total = query.count(jdbc, "FROM claim c");
 * List<ClaimSummary> items = query.page(
 *         jdbc, "SELECT ... FROM claim c", "c.created_at, c.claim_id", search.page(), search.size(), ROW);
 * }</pre>
 *
 * Conditions are SQL text written by the caller; values only ever travel as parameters.
 */
public final class PageQuery {

    private final StringBuilder where;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private PageQuery(String always) {
        this.where = new StringBuilder(" WHERE ").append(always);
    }

    /** A query whose rows always meet {@code always} (SQL, such as {@code "c.is_current"} or {@code "true"}). */
    public static PageQuery where(String always) {
        return new PageQuery(always);
    }

    /** A query with no condition but the optional ones added later. */
    public static PageQuery all() {
        return new PageQuery("true");
    }

    /**
     * Adds {@code condition} with its parameter {@code name} bound to {@code value}, unless the value is null or a
     * blank string: a criterion not given does not restrict.
     */
    public PageQuery and(String condition, String name, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            where.append(" AND ").append(condition);
            params.put(name, value);
        }
        return this;
    }

    /** Adds {@code condition}, a condition without parameters (or with {@link #param}). */
    public PageQuery and(String condition) {
        where.append(" AND ").append(condition);
        return this;
    }

    /** Adds {@code condition} when {@code when} holds (a condition without parameters, or with {@link #param}). */
    public PageQuery andIf(boolean when, String condition) {
        return when ? and(condition) : this;
    }

    /** Binds a parameter a condition added by {@link #andIf} uses. */
    public PageQuery param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** The {@code WHERE} clause, with a leading space. */
    public String whereClause() {
        return where.toString();
    }

    /** The named parameters of the conditions added. */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** How many rows of {@code from} (such as {@code "FROM claim c"}) match. */
    public long count(JdbcClient jdbc, String from) {
        return jdbc.sql("SELECT count(*) " + from + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * How many rows of {@code from} match, counting no further than {@code limit}: the count costs at most
     * {@code limit} rows read, however many match (a total beyond it is said as "more than").
     */
    public long countUpTo(JdbcClient jdbc, String from, long limit) {
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 " + from + where + " LIMIT :countLimit) matches")
                .params(params)
                .param("countLimit", limit)
                .query(Long.class)
                .single();
    }

    /**
     * One 0-based page of the rows of {@code select} (the {@code SELECT ... FROM ...} without its {@code WHERE})
     * that match, in the order {@code orderBy}, which must end in a unique key for the pages to be stable.
     */
    public <T> List<T> page(JdbcClient jdbc, String select, String orderBy, int page, int size, RowMapper<T> rows) {
        return jdbc.sql(pageSql(select, orderBy))
                .params(params)
                .param("offset", (long) page * size)
                .param("limit", size)
                .query(rows)
                .list();
    }

    String pageSql(String select, String orderBy) {
        return select + where + " ORDER BY " + orderBy + " OFFSET :offset LIMIT :limit";
    }

    /**
     * Rows {@code offset} to {@code offset + limit} of the rows of {@code select} that match, in the order
     * {@code orderBy} (ending in a unique key), found by their {@code key} first (a deferred join): the
     * {@code OFFSET} passes over the keys of {@code from} alone, which an index holding the order can give without
     * reading a row (an index-only scan), and only the rows of the page are read whole. For deep pages, where a plain
     * {@code OFFSET} reads every row it skips.
     *
     * @param select {@code SELECT ... FROM <table> <alias>} without its {@code WHERE}
     * @param from {@code FROM <table> <alias>}, the same table and alias, for the keys
     * @param key the table's unique key, such as {@code c.claim_id}
     */
    public <T> List<T> pageByKey(
            JdbcClient jdbc,
            String select,
            String from,
            String key,
            String orderBy,
            long offset,
            int limit,
            RowMapper<T> rows) {
        return jdbc.sql(pageByKeySql(select, from, key, orderBy))
                .params(params)
                .param("offset", offset)
                .param("limit", limit)
                .query(rows)
                .list();
    }

    /** The SQL of {@link #pageByKey}. */
    public String pageByKeySql(String select, String from, String key, String orderBy) {
        return select + " JOIN (SELECT " + key + " AS page_key " + from + where + " ORDER BY " + orderBy
                + " OFFSET :offset LIMIT :limit) page_keys ON " + key + " = page_keys.page_key ORDER BY " + orderBy;
    }

    /**
     * The {@code limit} rows of {@code select} (the {@code SELECT ... FROM ...} without its {@code WHERE}) that match
     * and come after the row whose values of {@code columns} are {@code cursor} (keyset paging), in the order of
     * {@code columns}, all ascending or all {@code descending}; with {@code backward}, the {@code limit} rows that come
     * just before it, still in that order. The cursor is a row comparison an index on {@code columns} (the last one a
     * unique key) answers by its bounds: however deep the page, its rows are found by a few index entries and no
     * others are read, and no plan can sort the whole table for it, whatever the state of the table's visibility map
     * (which an {@code OFFSET} over an index-only scan depends on: see {@link #pageByKey}).
     *
     * @param columns the SQL of the order's columns, none nullable, the last a unique key
     * @param cursor the values of {@code columns} of the row the page starts after (or ends before)
     */
    public <T> List<T> pageAfter(
            JdbcClient jdbc,
            String select,
            List<String> columns,
            boolean descending,
            List<?> cursor,
            boolean backward,
            int limit,
            RowMapper<T> rows) {
        if (cursor.size() != columns.size()) {
            throw new IllegalArgumentException("a cursor has a value for each column of the order");
        }
        var statement = jdbc.sql(pageAfterSql(select, columns, descending, backward))
                .params(params)
                .param("limit", limit);
        for (int i = 0; i < cursor.size(); i++) {
            statement = statement.param("cursor" + i, cursor.get(i));
        }
        List<T> found = statement.query(rows).list();
        if (!backward) {
            return found;
        }
        List<T> inOrder = new ArrayList<>(found);
        Collections.reverse(inOrder);
        return inOrder;
    }

    /** The SQL of {@link #pageAfter}. */
    public String pageAfterSql(String select, List<String> columns, boolean descending, boolean backward) {
        // forward in a descending order, or backward in an ascending one, the rows wanted are below the cursor
        boolean below = descending != backward;
        StringBuilder cursor = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            cursor.append(i == 0 ? "" : ", ").append(":cursor").append(i);
        }
        String direction = below ? " DESC" : "";
        return select + where + " AND (" + String.join(", ", columns) + ") " + (below ? "<" : ">") + " (" + cursor
                + ") ORDER BY " + String.join(direction + ", ", columns) + direction + " LIMIT :limit";
    }

    /**
     * The {@code ORDER BY} of a list's sort: {@code sort} names a key of {@code columns} (the SQL to sort by),
     * {@code -} first for descending; {@code fallback} when there is no sort.
     *
     * @throws IllegalArgumentException for a key not in {@code columns} (the caller validates sorts at its door)
     */
    public static String orderBy(String sort, Map<String, String> columns, String fallback) {
        if (sort == null) {
            return fallback;
        }
        boolean descending = sort.startsWith("-");
        String column = columns.get(descending ? sort.substring(1) : sort);
        if (column == null) {
            throw new IllegalArgumentException("sort must be one of " + columns.keySet() + ", '-' first to reverse");
        }
        return column + (descending ? " DESC" : "");
    }

    /**
     * A {@code LIKE} pattern that finds the values starting with {@code text}, its {@code \}, {@code %} and {@code _}
     * escaped (PostgreSQL's default escape character is the backslash).
     */
    public static String startsWith(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
