package io.claimflow.x12;

/** An X12 file could not be read or written; the message says where and why (never the data itself). */
public class X12FormatException extends RuntimeException {

    public X12FormatException(String message) {
        super(message);
    }

    public X12FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
