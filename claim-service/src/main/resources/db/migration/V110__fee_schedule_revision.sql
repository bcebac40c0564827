-- Issue 22: claim-service keeps the fee schedule's rows in memory (per tenant and procedure code, with their dates)
-- instead of reading them for every claim line. An instance forgets them when its own change commits; this counter,
-- raised by every statement that changes fee_schedule (the REST changes, a migration, an operator's SQL), tells every
-- other instance within seconds.
CREATE TABLE fee_schedule_revision (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    revision bigint  NOT NULL
);

INSERT INTO fee_schedule_revision (only_row, revision) VALUES (true, 0);

CREATE FUNCTION fee_schedule_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE fee_schedule_revision SET revision = revision + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER fee_schedule_revised
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fee_schedule
    FOR EACH STATEMENT EXECUTE FUNCTION fee_schedule_revised();
