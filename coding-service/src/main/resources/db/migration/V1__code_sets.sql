-- Code sets and edit tables, versioned by date of service (design guide, section 5). Every row belongs to the
-- release it was imported from; a code is valid on a date of service inside its row's [valid_from, valid_to]
-- (valid_to null = open-ended). Re-importing a release replaces that release's rows.

CREATE TABLE code_set_release (
    id             bigserial PRIMARY KEY,
    code_set       text        NOT NULL CHECK (code_set IN ('ICD-10-CM', 'CPT', 'HCPCS', 'NCCI-PTP', 'NCCI-MUE',
                                                            'ICD-10-CM-EDITS', 'INDICATIONS')),
    version        text        NOT NULL,
    effective_from date        NOT NULL,
    effective_to   date,
    source         text        NOT NULL,
    record_count   integer     NOT NULL DEFAULT 0,
    imported_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (code_set, version),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- ICD-10-CM from the CMS order file: header rows (billable = false) are kept so that a header code gets
-- "not billable" rather than "unknown".
CREATE TABLE icd10cm_code (
    release_id        bigint  NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    code              text    NOT NULL,  -- with its decimal point, as published in the tabular list: E11.9
    billable          boolean NOT NULL,
    short_description text    NOT NULL,
    long_description  text    NOT NULL,
    valid_from        date    NOT NULL,
    valid_to          date,
    PRIMARY KEY (release_id, code)
);
CREATE INDEX icd10cm_code_by_code ON icd10cm_code (code, valid_from DESC);

-- CPT (Level I) and HCPCS Level II procedure codes, and modifiers (the HCPCS file carries both).
CREATE TABLE procedure_code (
    release_id        bigint NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    code              text   NOT NULL,
    code_system       text   NOT NULL CHECK (code_system IN ('CPT', 'HCPCS')),
    short_description text   NOT NULL,
    long_description  text   NOT NULL,
    valid_from        date   NOT NULL,
    valid_to          date,
    PRIMARY KEY (release_id, code)
);
CREATE INDEX procedure_code_by_code ON procedure_code (code, valid_from DESC);

CREATE TABLE modifier (
    release_id  bigint NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    code        text   NOT NULL CHECK (length(code) = 2),
    description text   NOT NULL,
    valid_from  date   NOT NULL,
    valid_to    date,
    PRIMARY KEY (release_id, code)
);
CREATE INDEX modifier_by_code ON modifier (code, valid_from DESC);

-- NCCI procedure-to-procedure edits (practitioner): column 2 is bundled into column 1 unless the modifier
-- indicator allows a bypass (0 = never, 1 = with a modifier such as 59/XS/25, 9 = edit not applicable).
CREATE TABLE ncci_ptp (
    release_id         bigint NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    column1            text   NOT NULL,
    column2            text   NOT NULL,
    effective_from     date   NOT NULL,
    effective_to       date,
    modifier_indicator char(1) NOT NULL CHECK (modifier_indicator IN ('0', '1', '9')),
    rationale          text,
    PRIMARY KEY (release_id, column1, column2, effective_from)
);
CREATE INDEX ncci_ptp_by_pair ON ncci_ptp (column1, column2);

-- Medically unlikely edits (practitioner): most units of a code for one patient on one date of service.
CREATE TABLE mue (
    release_id             bigint  NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    code                   text    NOT NULL,
    max_units              integer NOT NULL CHECK (max_units >= 0),
    adjudication_indicator char(1) NOT NULL CHECK (adjudication_indicator IN ('1', '2', '3')),
    rationale              text,
    valid_from             date    NOT NULL,
    valid_to               date,
    PRIMARY KEY (release_id, code)
);
CREATE INDEX mue_by_code ON mue (code, valid_from DESC);

-- Tabular-list Excludes1 notes, by code prefix: a code under code_prefix is never reported with one under
-- excluded_prefix.
CREATE TABLE icd10cm_excludes1 (
    release_id      bigint NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    code_prefix     text   NOT NULL,
    excluded_prefix text   NOT NULL,
    note            text   NOT NULL,
    PRIMARY KEY (release_id, code_prefix, excluded_prefix)
);

-- Sex- and age-specific codes (ICD-10-CM and procedure codes), by code prefix. Ages in completed years.
CREATE TABLE demographic_edit (
    release_id  bigint  NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    code_prefix text    NOT NULL,
    sex         char(1) CHECK (sex IN ('F', 'M')),
    min_age     integer,
    max_age     integer,
    note        text    NOT NULL,
    PRIMARY KEY (release_id, code_prefix)
);

-- Which diagnoses support a procedure (coverage-policy style indications), by ICD-10-CM prefix; used to choose
-- diagnosis pointers. A procedure without rows points to the first-listed diagnosis.
CREATE TABLE procedure_indication (
    release_id     bigint NOT NULL REFERENCES code_set_release (id) ON DELETE CASCADE,
    procedure_code text   NOT NULL,
    icd_prefix     text   NOT NULL,
    PRIMARY KEY (release_id, procedure_code, icd_prefix)
);
