package io.claimflow.patientbilling.statement;

import java.util.List;

/** Who a statement is mailed to. Protected health information: rendered on the statement, never logged. */
public record Addressee(String name, List<String> addressLines) {

    public Addressee {
        addressLines = List.copyOf(addressLines);
    }
}
