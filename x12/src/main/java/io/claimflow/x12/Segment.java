package io.claimflow.x12;

import java.util.List;

/**
 * One X12 segment as read: its tag and its elements, each a list of components (a simple element has one).
 * Positions are 1-based as in the implementation guides; a missing element or component reads as null.
 */
public record Segment(String tag, List<List<String>> elements, int position) {

    public Segment {
        elements = List.copyOf(elements.stream().map(List::copyOf).toList());
    }

    /** Element {@code pos} (first component of a composite), or null. */
    public String element(int pos) {
        return component(pos, 1);
    }

    /** Component {@code comp} of element {@code pos}, or null. */
    public String component(int pos, int comp) {
        if (pos < 1 || pos > elements.size()) {
            return null;
        }
        List<String> components = elements.get(pos - 1);
        if (comp < 1 || comp > components.size()) {
            return null;
        }
        String value = components.get(comp - 1);
        return value == null || value.isEmpty() ? null : value;
    }

    /** All non-empty components of element {@code pos}. */
    public List<String> components(int pos) {
        if (pos < 1 || pos > elements.size()) {
            return List.of();
        }
        return elements.get(pos - 1).stream()
                .filter(v -> v != null && !v.isEmpty())
                .toList();
    }

    /** The element, failing with a clear reason when it is missing. */
    public String required(int pos) {
        String value = element(pos);
        if (value == null) {
            throw new X12FormatException(String.format("%s%02d is required (segment %d)", tag, pos, position));
        }
        return value;
    }

    public boolean is(String tag, String firstElement) {
        return this.tag.equals(tag) && firstElement.equals(element(1));
    }
}
