-- Patient accounts found the way patient account staff ask: by name, date of birth, MRN, account or statement
-- number. The birth date comes with the patient on each ClaimSubmitted (null on accounts until their next claim).
-- Protected health information, like guarantor_name: never logged.
ALTER TABLE patient_account ADD COLUMN birth_date date;
CREATE INDEX patient_account_name ON patient_account (lower(guarantor_name) text_pattern_ops);
CREATE INDEX patient_account_ref ON patient_account (patient_ref text_pattern_ops);
CREATE INDEX patient_account_birth ON patient_account (birth_date);
