package io.claimflow.claim.denial;

import io.claimflow.codes.DenialCategory;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Decides where a denied claim goes: coding denials back to coding (up to a limit of attempts per encounter),
 * duplicates closed, front-end rejections to fix and resubmit, medical necessity to the appeal queue, everything else
 * (eligibility, authorization, timely filing, missing information, other) to a biller's work list with its reasons.
 */
public final class DenialRouter {

    /** Where a denial goes. */
    public enum Route {
        RECODE,
        RECODE_LIMIT_REACHED,
        CLOSE_DUPLICATE,
        FIX_AND_RESUBMIT,
        BILLER_WORK_LIST,
        APPEAL_QUEUE
    }

    /** The routing decision, with the category it was made on and a reason for the timeline. */
    public record Decision(Route route, DenialCategory category, String reason) {}

    private final CarcTable table;

    public DenialRouter(CarcTable table) {
        this.table = table;
    }

    public DenialCategory categorize(DenialNotice notice) {
        DenialCategory fromCodes =
                table.categorize(notice.adjustments(), notice.remarkCodes()).orElse(DenialCategory.OTHER);
        // the table knows the common codes; for the rest the gateway's reading is better than OTHER
        return fromCodes == DenialCategory.OTHER ? reported(notice) : fromCodes;
    }

    public Decision route(DenialNotice notice, int recodeAttemptsSoFar, int maxRecodeAttempts) {
        DenialCategory category = categorize(notice);
        String codes = describe(notice);
        if (notice.frontEndRejection()) {
            return new Decision(
                    Route.FIX_AND_RESUBMIT, category, "front-end rejection " + codes + ": fix and resubmit");
        }
        return switch (category) {
            case DUPLICATE ->
                new Decision(
                        Route.CLOSE_DUPLICATE,
                        category,
                        "payer denied as a duplicate " + codes + ": a claim for these services is on file");
            case CODING ->
                recodeAttemptsSoFar < maxRecodeAttempts
                        ? new Decision(
                                Route.RECODE,
                                category,
                                "coding denial " + codes + ": recode attempt " + (recodeAttemptsSoFar + 1) + " of "
                                        + maxRecodeAttempts)
                        : new Decision(
                                Route.RECODE_LIMIT_REACHED,
                                category,
                                "coding denial " + codes + " after " + recodeAttemptsSoFar
                                        + " recode attempt(s), the limit: a biller decides");
            case MEDICAL_NECESSITY ->
                new Decision(
                        Route.APPEAL_QUEUE, category, "medical necessity denial " + codes + ": consider an appeal");
            default ->
                new Decision(
                        Route.BILLER_WORK_LIST,
                        category,
                        category.name().toLowerCase().replace('_', ' ') + " denial " + codes);
        };
    }

    private static DenialCategory reported(DenialNotice notice) {
        return Arrays.stream(DenialCategory.values())
                .filter(c -> c.isDenial() && c.name().equals(notice.reportedCategory()))
                .findFirst()
                .orElse(DenialCategory.OTHER);
    }

    private static String describe(DenialNotice notice) {
        String adjustments = notice.adjustments().stream()
                .map(a -> a.groupCode() + "-" + a.reasonCode())
                .distinct()
                .collect(Collectors.joining(" "));
        String remarks = String.join(" ", notice.remarkCodes());
        String rejections = String.join(" ", notice.rejectionCodes());
        String all = String.join(" ", adjustments, remarks, rejections).trim().replaceAll(" +", " ");
        return all.isEmpty() ? "(no codes)" : "(" + all + ")";
    }
}
