-- Audit trail of access to patient data (HIPAA audit controls): who read or changed what, or was refused.
-- Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE (only a superuser disabling triggers could get
-- round them), and the application has no statement that asks for them. Ids only, never patient data.
CREATE TABLE audit_record (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    username      text        NOT NULL,
    roles         text[]      NOT NULL,
    action        text        NOT NULL,
    resource_type text        NOT NULL,
    resource_id   text,
    outcome       text        NOT NULL CHECK (outcome IN ('SUCCESS', 'DENIED')),
    service       text        NOT NULL
);

CREATE INDEX audit_record_resource_idx ON audit_record (resource_type, resource_id);
CREATE INDEX audit_record_username_idx ON audit_record (username, occurred_at);
CREATE INDEX audit_record_occurred_at_idx ON audit_record (occurred_at);

CREATE FUNCTION audit_record_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % on audit_record refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_record_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();

CREATE TRIGGER audit_record_no_truncate
    BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();
