-- Issue 21, the KPI page under 300 ms with 100,000 claims: the A/R at the end of a period is read from a daily balance
-- series instead of looking up every claim that can be open then (about 38,000 at 100,000 claims, each with its
-- payments and replacements: most of the page's time).
--
-- A claim's open balance at a moment T is what JdbcReadModel summed before (and ArDailySeriesTest still sums to compare):
-- its charge less the payer payments, patient responsibility and contractual adjustments posted before T (never below
-- 0), for a claim submitted before T that is not a void or self-pay and not replaced by a claim submitted before T;
-- 0 otherwise. It changes only when the claim is submitted, paid or replaced, so as a function of whole UTC days it is
-- a few steps: ar_claim_step holds each claim's (the day a change falls on, the claim's date of service, the change of
-- its open balance at that day's end), and ar_day their sums per day and date of service. The A/R at the end of a day D
-- is the sum of ar_day up to D; its part over 90 days, of the rows whose date of service is before the cut-off.
--
-- The series is kept by triggers on claim and timeline_event, in the transaction of the statement that changes what it
-- depends on: every writer (ReadModelWriter's events, a fixture's bulk insert, a correction by hand) keeps it exact,
-- and one statement's claims are recomputed together (statement triggers with transition tables).
CREATE TABLE ar_claim_step (
    claim_id     text           NOT NULL,
    day          date           NOT NULL,
    service_date date           NOT NULL,
    delta        numeric(14, 2) NOT NULL
);
CREATE INDEX ar_claim_step_claim ON ar_claim_step (claim_id);

CREATE TABLE ar_day (
    day          date           NOT NULL,
    service_date date           NOT NULL,
    delta        numeric(16, 2) NOT NULL,
    PRIMARY KEY (day, service_date)
);

-- the claims' steps recomputed from their rows and payments, and the difference added to the daily series
CREATE FUNCTION ar_refresh(ids text[]) RETURNS void LANGUAGE sql AS $$
    WITH changes AS (
        SELECT c.claim_id, d.day,
            COALESCE(c.date_of_service, CAST(c.submitted_at AT TIME ZONE 'UTC' AS date)) AS service_date,
            CASE WHEN c.submitted_at < e.at AND c.frequency NOT IN ('VOID', 'SELF_PAY')
                      AND NOT EXISTS (SELECT 1 FROM claim r WHERE r.replaced_claim_id = c.claim_id
                                      AND r.submitted_at < e.at)
                 THEN GREATEST(c.total_charge - COALESCE(p.paid, 0) - COALESCE(p.patient, 0)
                               - COALESCE(p.contractual, 0), 0)
                 ELSE 0 END AS open
        FROM claim c
        CROSS JOIN LATERAL (
            SELECT DISTINCT CAST(t.at AT TIME ZONE 'UTC' AS date) AS day FROM (
                SELECT c.submitted_at AS at
                UNION ALL
                SELECT occurred_at FROM timeline_event WHERE kind = 'PAYMENT_POSTED' AND claim_id = c.claim_id
                UNION ALL
                SELECT submitted_at FROM claim r WHERE r.replaced_claim_id = c.claim_id) t) d
        CROSS JOIN LATERAL (SELECT CAST(d.day + 1 AS timestamp) AT TIME ZONE 'UTC' AS at) e
        LEFT JOIN LATERAL (
            SELECT SUM(paid_amount) AS paid, SUM(patient_responsibility) AS patient,
                SUM(contractual_adjustment) AS contractual
            FROM timeline_event t WHERE t.kind = 'PAYMENT_POSTED' AND t.claim_id = c.claim_id
                AND t.occurred_at < e.at) p ON true
        WHERE c.claim_id = ANY (ids)),
    steps AS (
        SELECT claim_id, day, service_date,
            open - COALESCE(lag(open) OVER (PARTITION BY claim_id ORDER BY day), 0) AS delta
        FROM changes),
    old_steps AS (
        DELETE FROM ar_claim_step WHERE claim_id = ANY (ids) RETURNING day, service_date, delta),
    new_steps AS (
        INSERT INTO ar_claim_step (claim_id, day, service_date, delta)
        SELECT claim_id, day, service_date, delta FROM steps WHERE delta <> 0
        RETURNING day, service_date, delta)
    INSERT INTO ar_day AS a (day, service_date, delta)
    SELECT day, service_date, SUM(delta) FROM (
        SELECT day, service_date, delta FROM new_steps
        UNION ALL
        SELECT day, service_date, -delta FROM old_steps) n
    GROUP BY day, service_date HAVING SUM(delta) <> 0
    ORDER BY day, service_date
    ON CONFLICT (day, service_date) DO UPDATE SET delta = a.delta + EXCLUDED.delta;
$$;

-- claims inserted, updated or deleted: themselves and the claims they replace (or replaced)
CREATE FUNCTION ar_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ar_refresh(ARRAY(SELECT claim_id FROM new_rows
                             UNION SELECT replaced_claim_id FROM new_rows WHERE replaced_claim_id IS NOT NULL));
    RETURN NULL;
END $$;

CREATE FUNCTION ar_claims_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ar_refresh(ARRAY(SELECT claim_id FROM new_rows
                             UNION SELECT replaced_claim_id FROM new_rows WHERE replaced_claim_id IS NOT NULL
                             UNION SELECT claim_id FROM old_rows
                             UNION SELECT replaced_claim_id FROM old_rows WHERE replaced_claim_id IS NOT NULL));
    RETURN NULL;
END $$;

CREATE FUNCTION ar_claims_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ar_refresh(ARRAY(SELECT claim_id FROM old_rows
                             UNION SELECT replaced_claim_id FROM old_rows WHERE replaced_claim_id IS NOT NULL));
    RETURN NULL;
END $$;

-- payments posted (or removed): their claims
CREATE FUNCTION ar_payments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ar_refresh(ARRAY(SELECT DISTINCT claim_id FROM new_rows
                             WHERE kind = 'PAYMENT_POSTED' AND claim_id IS NOT NULL));
    RETURN NULL;
END $$;

CREATE FUNCTION ar_payments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ar_refresh(ARRAY(SELECT claim_id FROM old_rows WHERE kind = 'PAYMENT_POSTED' AND claim_id IS NOT NULL
                             UNION SELECT claim_id FROM new_rows
                                   WHERE kind = 'PAYMENT_POSTED' AND claim_id IS NOT NULL));
    RETURN NULL;
END $$;

CREATE FUNCTION ar_payments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ar_refresh(ARRAY(SELECT DISTINCT claim_id FROM old_rows
                             WHERE kind = 'PAYMENT_POSTED' AND claim_id IS NOT NULL));
    RETURN NULL;
END $$;

CREATE TRIGGER ar_claims_inserted AFTER INSERT ON claim REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ar_claims_inserted();
CREATE TRIGGER ar_claims_updated AFTER UPDATE ON claim REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ar_claims_updated();
CREATE TRIGGER ar_claims_deleted AFTER DELETE ON claim REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ar_claims_deleted();
CREATE TRIGGER ar_payments_inserted AFTER INSERT ON timeline_event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ar_payments_inserted();
CREATE TRIGGER ar_payments_changed AFTER UPDATE ON timeline_event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ar_payments_changed();
CREATE TRIGGER ar_payments_deleted AFTER DELETE ON timeline_event REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ar_payments_deleted();

-- the series of the claims already here
SELECT ar_refresh(ARRAY(SELECT claim_id FROM claim));
