package io.claimflow.platform.validation;

/**
 * Input refused by a check that Bean Validation cannot express, thrown where the check is (domain code included: no
 * web types here). Its message goes to the caller as the detail of a 400 problem: say what is wrong with which field,
 * never quote the value. A plain {@link IllegalArgumentException} gets a fixed text instead, because the JDK's and
 * libraries' messages quote values.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** With the message for the caller (names fields, never values). */
    public InvalidInputException(String message) {
        super(message);
    }
}
