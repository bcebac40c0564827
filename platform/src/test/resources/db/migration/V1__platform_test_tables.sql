-- The platform test application's own tables, created by the owner role like every service's (the application's
-- role has no DDL). A schema of its own: nothing of the test application in public.
CREATE SCHEMA platform_test;
CREATE TABLE platform_test.batch_event (event_id text NOT NULL, encounter_id text NOT NULL);
CREATE TABLE platform_test.member (member_id text PRIMARY KEY, encounter_id text NOT NULL);
CREATE TABLE platform_test.lock_order_test (id text PRIMARY KEY, n int NOT NULL);
