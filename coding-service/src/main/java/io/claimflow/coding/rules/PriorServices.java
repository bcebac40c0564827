package io.claimflow.coding.rules;

import java.time.LocalDate;

/**
 * What coding-service's own history of professional services says about an encounter (see
 * {@code io.claimflow.coding.history}).
 *
 * @param statusFromHistory new or established was decided from the history because the EHR did not say
 * @param historySince the first date of service the history holds for the tenant (null when empty): before it
 *     ClaimFlow knows nothing, so a "new" patient may have been seen earlier
 * @param surgery a surgery (CPT 10004-69990) by the same group whose 90-day global period covers this date of
 *     service; null when none
 * @param surgeryDate its date of service; null when none
 */
public record PriorServices(boolean statusFromHistory, LocalDate historySince, String surgery, LocalDate surgeryDate) {

    public static final PriorServices NONE = new PriorServices(false, null, null, null);

    public boolean inGlobalSurgicalPeriod() {
        return surgery != null;
    }
}
