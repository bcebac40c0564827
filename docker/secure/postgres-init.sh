#!/usr/bin/env bash
# Secure profile: the services' role with the password from CLAIMFLOW_DB_PASSWORD, one database per service.
set -euo pipefail
: "${CLAIMFLOW_DB_PASSWORD:?set CLAIMFLOW_DB_PASSWORD (see .env.example)}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v password="$CLAIMFLOW_DB_PASSWORD" <<'SQL'
CREATE ROLE claimflow LOGIN PASSWORD :'password';
CREATE DATABASE claimflow_coding OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_claim OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_adjudication OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_patient_billing OWNER claimflow ENCODING 'UTF8';
SQL
