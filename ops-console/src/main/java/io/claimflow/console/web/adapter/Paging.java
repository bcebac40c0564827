package io.claimflow.console.web.adapter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of a list: where it is and how many there are in all; {@code atLeast} when the service stopped counting at
 * {@code total} and more match (claim-service counts to 10,000), shown as "more than". {@code after} and
 * {@code before}, when the list pages by cursor (claim-service's claims), are the query the next link and the previous
 * link add to their page number ({@code "&after=..."}), "" otherwise.
 */
record Paging(int page, int size, long total, boolean atLeast, String after, String before) {

    static Paging of(int page, int size, long total) {
        return new Paging(page, size, total, false, "", "");
    }

    /** The paging of a service's page answer ({@code {items, total, totalAtLeast}}), or of {@code items} without one. */
    static Paging of(int page, int size, Object body, int items) {
        return new Paging(page, size, WebParams.total(body, items), WebParams.totalAtLeast(body), "", "");
    }

    /**
     * This paging with its links naming the page's last item (the next page is the one after it) and its first (the
     * previous page is the one before it; the first page is asked for as itself).
     */
    Paging withCursors(String lastKey, String firstKey) {
        return new Paging(
                page,
                size,
                total,
                atLeast,
                lastKey == null ? "" : "&after=" + URLEncoder.encode(lastKey, StandardCharsets.UTF_8),
                firstKey == null || page <= 1 ? "" : "&before=" + URLEncoder.encode(firstKey, StandardCharsets.UTF_8));
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
