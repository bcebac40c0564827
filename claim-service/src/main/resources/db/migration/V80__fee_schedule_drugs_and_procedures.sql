-- Starter chargemaster rows for what coding-service codes but V2 did not price: drugs billed with their documented
-- units (priced per HCPCS dosage unit, so J3301 x 4 charges four units), and procedures and visits the starter code
-- sets can code. Same conventions as V2: every tenant ('*'), effective 2025-01-01, a tenant's own rows win.
INSERT INTO fee_schedule (tenant_id, procedure_code, modifier, effective_from, amount, description, updated_by) VALUES
    ('*', 'J3301', '', DATE '2025-01-01',  9.00, 'Triamcinolone acetonide, per 10 mg', 'starter-fee-schedule'),
    ('*', 'J1030', '', DATE '2025-01-01', 11.00, 'Methylprednisolone acetate, 40 mg', 'starter-fee-schedule'),
    ('*', 'J1885', '', DATE '2025-01-01',  6.00, 'Ketorolac tromethamine, per 15 mg', 'starter-fee-schedule'),
    ('*', 'J0696', '', DATE '2025-01-01',  8.00, 'Ceftriaxone sodium, per 250 mg', 'starter-fee-schedule'),
    ('*', 'J2550', '', DATE '2025-01-01',  7.00, 'Promethazine HCl, up to 50 mg', 'starter-fee-schedule'),
    ('*', '12001', '', DATE '2025-01-01', 160.00, 'Simple repair of superficial wound, 2.5 cm or less', 'starter-fee-schedule'),
    ('*', '17000', '', DATE '2025-01-01',  95.00, 'Destruction of premalignant lesion, first', 'starter-fee-schedule'),
    ('*', '69210', '', DATE '2025-01-01',  70.00, 'Removal of impacted cerumen, instrumentation, unilateral', 'starter-fee-schedule'),
    ('*', '99382', '', DATE '2025-01-01', 180.00, 'Preventive visit, new patient, 1-4 years', 'starter-fee-schedule'),
    ('*', 'G0008', '', DATE '2025-01-01',  30.00, 'Administration of influenza virus vaccine', 'starter-fee-schedule')
ON CONFLICT DO NOTHING;
