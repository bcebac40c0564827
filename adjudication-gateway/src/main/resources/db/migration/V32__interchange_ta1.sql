-- Issue 15, item 5: what a TA1 said of an outbound interchange (TA104 A / E / R, TA105 note code).
ALTER TABLE interchange ADD COLUMN ta1_status text;
ALTER TABLE interchange ADD COLUMN ta1_note_code text;
