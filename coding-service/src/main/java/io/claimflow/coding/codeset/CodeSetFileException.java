package io.claimflow.coding.codeset;

/** A release file that does not have the layout it claims; names the line, never more than the offending field. */
public class CodeSetFileException extends IllegalArgumentException {

    public CodeSetFileException(String file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }

    public CodeSetFileException(String message) {
        super(message);
    }
}
