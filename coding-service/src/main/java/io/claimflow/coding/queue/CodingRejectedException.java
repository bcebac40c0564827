package io.claimflow.coding.queue;

import io.claimflow.coding.rules.Edit;
import java.util.List;

/** A coder's coding failed the edits; nothing was stored. */
public class CodingRejectedException extends RuntimeException {

    private final transient List<Edit> edits;

    public CodingRejectedException(List<Edit> edits) {
        super(edits.stream().filter(Edit::blocking).count() + " coding edit(s) failed");
        this.edits = List.copyOf(edits);
    }

    public List<Edit> edits() {
        return edits;
    }
}
