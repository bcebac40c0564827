package io.claimflow.coding.codeset;

import io.claimflow.platform.validation.InvalidInputException;

/**
 * A release file that does not have the layout it claims; names the line and the field, never the value (it is the
 * detail of the 400 answer to an upload).
 */
public class CodeSetFileException extends InvalidInputException {

    public CodeSetFileException(String file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }

    public CodeSetFileException(String message) {
        super(message);
    }
}
