package io.claimflow.console.web.adapter;

import java.util.List;

/**
 * One page of a list: where it is and how many there are in all; {@code atLeast} when the service stopped counting at
 * {@code total} and more match (claim-service counts to 10,000), shown as "more than".
 */
record Paging(int page, int size, long total, boolean atLeast) {

    static Paging of(int page, int size, long total) {
        return new Paging(page, size, total, false);
    }

    /** The paging of a service's page answer ({@code {items, total, totalAtLeast}}), or of {@code items} without one. */
    static Paging of(int page, int size, Object body, int items) {
        return new Paging(page, size, WebParams.total(body, items), WebParams.totalAtLeast(body));
    }

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total || atLeast;
    }

    public long first() {
        return total == 0 ? 0 : (long) page * size + 1;
    }

    public long last() {
        return Math.min(total, (long) (page + 1) * size);
    }

    /** This page of {@code rows}, when the whole list is at hand (the dead letters a service returns). */
    <T> List<T> slice(List<T> rows) {
        int from = (int) Math.min(rows.size(), (long) page * size);
        return rows.subList(from, (int) Math.min(rows.size(), (long) from + size));
    }
}
