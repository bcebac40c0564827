-- Runs once, on an empty data volume (docker-entrypoint-initdb.d): one database per service, each with its own two
-- roles (least privilege, docs/security.md "Database roles"): <db>_owner owns the database and runs the service's
-- Flyway migrations (SPRING_FLYWAY_USER); <db>_app is the service's login (SPRING_DATASOURCE_USERNAME) with DML on
-- the owner's tables only, no DDL; the platform's migration V60 takes UPDATE, DELETE and TRUNCATE of the audit trail
-- from it. Same names as the local stack (io.claimflow.localstack.DatabaseSetup). Local passwords: claimflow.

CREATE ROLE claimflow_coding_owner LOGIN PASSWORD 'claimflow';
CREATE ROLE claimflow_coding_app LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_coding OWNER claimflow_coding_owner ENCODING 'UTF8';
\connect claimflow_coding
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claimflow_coding_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_coding_owner GRANT USAGE ON SCHEMAS TO claimflow_coding_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_coding_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow_coding_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_coding_owner GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO claimflow_coding_app;
\connect postgres

CREATE ROLE claimflow_claim_owner LOGIN PASSWORD 'claimflow';
CREATE ROLE claimflow_claim_app LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_claim OWNER claimflow_claim_owner ENCODING 'UTF8';
\connect claimflow_claim
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claimflow_claim_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_claim_owner GRANT USAGE ON SCHEMAS TO claimflow_claim_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_claim_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow_claim_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_claim_owner GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO claimflow_claim_app;
\connect postgres

CREATE ROLE claimflow_adjudication_owner LOGIN PASSWORD 'claimflow';
CREATE ROLE claimflow_adjudication_app LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_adjudication OWNER claimflow_adjudication_owner ENCODING 'UTF8';
\connect claimflow_adjudication
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claimflow_adjudication_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_adjudication_owner GRANT USAGE ON SCHEMAS TO claimflow_adjudication_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_adjudication_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow_adjudication_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_adjudication_owner GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO claimflow_adjudication_app;
\connect postgres

CREATE ROLE claimflow_patient_billing_owner LOGIN PASSWORD 'claimflow';
CREATE ROLE claimflow_patient_billing_app LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_patient_billing OWNER claimflow_patient_billing_owner ENCODING 'UTF8';
\connect claimflow_patient_billing
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claimflow_patient_billing_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_patient_billing_owner GRANT USAGE ON SCHEMAS TO claimflow_patient_billing_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_patient_billing_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow_patient_billing_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_patient_billing_owner GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO claimflow_patient_billing_app;
\connect postgres

CREATE ROLE claimflow_ehr_owner LOGIN PASSWORD 'claimflow';
CREATE ROLE claimflow_ehr_app LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_ehr OWNER claimflow_ehr_owner ENCODING 'UTF8';
\connect claimflow_ehr
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claimflow_ehr_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_ehr_owner GRANT USAGE ON SCHEMAS TO claimflow_ehr_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_ehr_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow_ehr_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_ehr_owner GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO claimflow_ehr_app;
\connect postgres

CREATE ROLE claimflow_console_owner LOGIN PASSWORD 'claimflow';
CREATE ROLE claimflow_console_app LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_console OWNER claimflow_console_owner ENCODING 'UTF8';
\connect claimflow_console
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claimflow_console_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_console_owner GRANT USAGE ON SCHEMAS TO claimflow_console_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_console_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO claimflow_console_app;
ALTER DEFAULT PRIVILEGES FOR ROLE claimflow_console_owner GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO claimflow_console_app;
\connect postgres
