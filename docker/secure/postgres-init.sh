#!/usr/bin/env bash
# Secure profile: one database per service, each with its own two roles (docs/security.md, "Database roles"):
# <db>_owner owns it and runs the migrations, <db>_app is the service's DML-only login. Their passwords are the files
# init-secrets.sh generated into this container's own secrets directory (/etc/claimflow-secure, readable by postgres
# only); no role owns more than one database.
set -euo pipefail
secrets=/etc/claimflow-secure
for db in claimflow_coding claimflow_claim claimflow_adjudication claimflow_patient_billing claimflow_ehr \
          claimflow_console; do
  owner_password=$(cat "$secrets/${db}_owner.password")
  app_password=$(cat "$secrets/${db}_app.password")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v db="$db" -v owner="${db}_owner" -v app="${db}_app" \
      -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8';
\connect :"db"
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT USAGE ON SCHEMAS TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app";
SQL
done
