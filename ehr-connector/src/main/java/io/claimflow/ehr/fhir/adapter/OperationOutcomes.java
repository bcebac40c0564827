package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.intake.Problem;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Problems as a FHIR OperationOutcome: one issue per problem (error, fatal when unreadable, warning for a default
 * applied, information for what was not used), with its location as the expression.
 */
final class OperationOutcomes {

    private OperationOutcomes() {}

    static OperationOutcome of(List<Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems) {
            outcome.addIssue()
                    .setSeverity(severity(problem.kind()))
                    .setCode(issueType(problem.kind()))
                    .setDiagnostics(problem.message())
                    .addExpression(problem.location());
        }
        return outcome;
    }

    /** A problem on ClaimFlow's side that may pass: the same request later can succeed. */
    static OperationOutcome transientProblem(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.TRANSIENT)
                .setDiagnostics(message);
        return outcome;
    }

    /** The request is larger than the door takes. */
    static OperationOutcome tooLarge(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.TOOCOSTLY)
                .setDiagnostics(message)
                .addExpression("Bundle");
        return outcome;
    }

    private static IssueSeverity severity(Problem.Kind kind) {
        return switch (kind) {
            case UNREADABLE -> IssueSeverity.FATAL;
            case DEFAULTED -> IssueSeverity.WARNING;
            case NOT_USED -> IssueSeverity.INFORMATION;
            default -> IssueSeverity.ERROR;
        };
    }

    private static IssueType issueType(Problem.Kind kind) {
        return switch (kind) {
            case UNREADABLE -> IssueType.STRUCTURE;
            case UNSUPPORTED -> IssueType.NOTSUPPORTED;
            case REQUIRED -> IssueType.REQUIRED;
            case INVALID -> IssueType.VALUE;
            case UNKNOWN_CODE_SYSTEM -> IssueType.CODEINVALID;
            case UNRESOLVED_REFERENCE -> IssueType.NOTFOUND;
            case DEFAULTED, NOT_USED -> IssueType.INFORMATIONAL;
        };
    }
}
