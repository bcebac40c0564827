package io.claimflow.platform.web;

import org.springframework.http.HttpStatus;

/** The request is malformed or a value is invalid (400), for checks Bean Validation cannot express. The message is the problem's detail: ids only, never patient data. */
public class BadRequestException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** With the detail for the caller. */
    public BadRequestException(String detail) {
        super(detail);
    }

    /** With the detail for the caller and a cause (not shown to the caller). */
    public BadRequestException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }

    @Override
    public String title() {
        return "Bad request";
    }
}
