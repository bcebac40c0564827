package io.claimflow.console.web.adapter;

import java.util.List;

/** One page of a list: where it is and how many there are in all. */
record Paging(int page, int size, long total) {

    static Paging of(int page, int size, long total) {
        return new Paging(page, size, total);
    }

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
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
