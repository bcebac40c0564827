package io.claimflow.coding.queue;

import io.claimflow.coding.rules.Edit;
import io.claimflow.platform.web.UnprocessableException;
import java.util.List;
import java.util.Map;

/** A coder's coding failed the edits; nothing was stored (REST answers 422 with the edits). */
public class CodingRejectedException extends UnprocessableException {

    private static final long serialVersionUID = 1L;

    private final transient List<Edit> edits;

    public CodingRejectedException(List<Edit> edits) {
        super("The coding fails " + edits.stream().filter(Edit::blocking).count() + " coding edit(s): "
                + String.join(
                        "; ",
                        edits.stream().filter(Edit::blocking).map(Edit::message).toList()));
        this.edits = List.copyOf(edits);
    }

    public List<Edit> edits() {
        return edits;
    }

    @Override
    public String title() {
        return "Coding edits failed";
    }

    /** {@code edits}: every edit, blocking or not. */
    @Override
    public Map<String, Object> properties() {
        return Map.of("edits", edits);
    }
}
