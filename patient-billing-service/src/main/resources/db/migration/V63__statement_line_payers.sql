-- Each payer's part of a statement's visit (coordination of benefits): what each payer that answered for the visit
-- paid and adjusted, in the order they answered. The statement line keeps their sums (insurance_paid, adjustments).
CREATE TABLE statement_line_payer (
    statement_id bigint        NOT NULL,
    line_no      int           NOT NULL,
    seq          int           NOT NULL,
    payer_name   text          NOT NULL,
    paid         numeric(12,2) NOT NULL,
    adjustments  numeric(12,2) NOT NULL,
    PRIMARY KEY (statement_id, line_no, seq),
    FOREIGN KEY (statement_id, line_no) REFERENCES statement_line (statement_id, line_no)
);
