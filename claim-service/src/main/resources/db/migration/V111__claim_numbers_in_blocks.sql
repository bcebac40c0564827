-- Issue 22: each claim took a nextval round trip for its number. An instance now takes a block of 20 numbers per
-- nextval and hands them out in memory (JdbcClaimRepository.nextClaimNumber); numbers stay unique across instances,
-- and a block an instance did not use up before it stopped is a gap, as a rolled-back nextval always was.
ALTER SEQUENCE claim_number_seq INCREMENT BY 20;
