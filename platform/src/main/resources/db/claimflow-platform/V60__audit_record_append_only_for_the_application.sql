-- Least privilege on the audit trail (issue 19): the application's role may only INSERT and SELECT audit records.
-- Migrations run as the database's owner role (spring.flyway.user), which owns the table, its triggers and their
-- function; the application's role (spring.datasource.username) gets DML on the owner's tables through the default
-- privileges the set-up gives it (docker/, local-stack, test-support), and here loses every privilege on audit_record
-- but INSERT and SELECT: no UPDATE, DELETE or TRUNCATE, and, not being the owner, no ALTER, DROP or DISABLE TRIGGER.
-- Where one role is both owner and application (the old set-up), nothing changes: split the roles.
DO $$
DECLARE
    role_name text;
BEGIN
    FOR role_name IN
        SELECT DISTINCT a.grantee::regrole::text
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = 'audit_record'::regclass
          AND a.grantee <> 0
          AND a.grantee <> c.relowner
          AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_record FROM %s', role_name);
    END LOOP;
END
$$;

REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_record FROM PUBLIC;
