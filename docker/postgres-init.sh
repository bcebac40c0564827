#!/usr/bin/env bash
# Runs once, on an empty data volume (docker-entrypoint-initdb.d), in both profiles: one database per service, each
# with its own two roles (least privilege, docs/security.md "Database roles"): <db>_owner owns the database and runs
# the service's Flyway migrations (SPRING_FLYWAY_USER); <db>_app is the service's login (SPRING_DATASOURCE_USERNAME)
# with DML on the owner's tables only, no DDL; the platform's migration V60 takes UPDATE, DELETE and TRUNCATE of the
# audit trail from it. claimflow, the operator's login (psql, the demo's summary, the fault suites' invariants), owns
# nothing and may only read: SELECT on every owner's tables. Same names as the local stack
# (io.claimflow.localstack.DatabaseSetup).
# Passwords: the secure profile's generated files in this container's own secrets directory (/etc/claimflow-secure,
# readable by postgres only; init-secrets.sh writes them); without them (the plain profile), the local claimflow.
set -euo pipefail
secrets=/etc/claimflow-secure

password() {
  if [ -d "$secrets" ]; then cat "$secrets/$1.password"; else echo claimflow; fi
}

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v reader_password="$(password claimflow)" <<'SQL'
CREATE ROLE claimflow LOGIN PASSWORD :'reader_password';
SQL

for db in claimflow_coding claimflow_claim claimflow_adjudication claimflow_patient_billing claimflow_ehr \
          claimflow_console; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v db="$db" -v owner="${db}_owner" -v app="${db}_app" \
      -v owner_password="$(password "${db}_owner")" -v app_password="$(password "${db}_app")" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8';
\connect :"db"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app", claimflow;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT USAGE ON SCHEMAS TO :"app", claimflow;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT SELECT ON TABLES TO claimflow;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app";
SQL
done
