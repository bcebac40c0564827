package io.claimflow.claim.model;

import io.claimflow.platform.web.NotFoundException;

/** No claim with that id (REST answers 404; the detail does not repeat the id the caller sent). */
public class ClaimNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    public ClaimNotFoundException(String claimId) {
        super("No claim has that id");
    }

    @Override
    public String title() {
        return "Claim not found";
    }
}
