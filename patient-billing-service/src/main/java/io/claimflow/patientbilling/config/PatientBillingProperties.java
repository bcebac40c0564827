package io.claimflow.patientbilling.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * patient-billing-service settings under {@code claimflow.patient-billing}.
 *
 * @param statements the statement cycle
 * @param collectionsAfterStatements an account that owes and got this many statements without paying since is
 *     flagged for collections
 */
@ConfigurationProperties("claimflow.patient-billing")
public record PatientBillingProperties(
        @DefaultValue Statements statements,
        @DefaultValue("3") int collectionsAfterStatements,
        Map<String, PracticeSettings> practices) {

    public PatientBillingProperties {
        practices = practices == null ? Map.of() : Map.copyOf(practices);
    }

    /**
     * The practice a tenant's statements come from ({@code claimflow.patient-billing.practices.<tenantId>}): without
     * one, a statement names the claims' billing provider only.
     *
     * @param name the practice's name, payee of the checks
     * @param address its street address, one entry per line
     * @param phone the billing office's phone
     * @param remitTo where checks go (a lockbox), one entry per line; the street address when empty
     */
    public record PracticeSettings(String name, List<String> address, String phone, List<String> remitTo) {}

    /**
     * @param minDaysBetween never a statement to the same account more often than this many days
     * @param minimumBalance no statement below this balance
     * @param dueInDays due date = statement date + this many days
     * @param minimumPaymentFloor the minimum due is at least this (or the balance, when smaller)
     * @param minimumPaymentPercent the minimum due is at least this percentage of the balance
     * @param smallBalanceWriteOff a balance below this is written off by the statement run (0 turns it off)
     */
    public record Statements(
            @DefaultValue("28") int minDaysBetween,
            @DefaultValue("5.00") BigDecimal minimumBalance,
            @DefaultValue("21") int dueInDays,
            @DefaultValue("25.00") BigDecimal minimumPaymentFloor,
            @DefaultValue("10") int minimumPaymentPercent,
            @DefaultValue("1.00") BigDecimal smallBalanceWriteOff) {}
}
