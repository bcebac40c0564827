-- Runs once, on an empty data volume (docker-entrypoint-initdb.d): the services' role and one database per service.
-- Same names as the local stack (io.claimflow.localstack.StackConfig) and the services' defaults.
CREATE ROLE claimflow LOGIN PASSWORD 'claimflow';
CREATE DATABASE claimflow_coding OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_claim OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_adjudication OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_patient_billing OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_ehr OWNER claimflow ENCODING 'UTF8';
CREATE DATABASE claimflow_console OWNER claimflow ENCODING 'UTF8';
