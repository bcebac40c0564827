package io.claimflow.coding.codeset;

import java.util.List;

/**
 * Where releases are kept. Replacing a release deletes its earlier import of the same version, and ends any
 * open-ended release of the same code set that the new one supersedes the day before the new one starts.
 */
public interface CodeSetStore {

    /** A stored release and how many records it holds. */
    record StoredRelease(Release release, int records) {}

    StoredRelease replaceIcd(Release release, List<IcdOrderFile.Entry> entries);

    StoredRelease replaceHcpcs(Release release, List<HcpcsFile.Entry> entries);

    StoredRelease replaceCpt(Release release, List<CptFile.Entry> entries);

    StoredRelease replaceNcciPtp(Release release, List<NcciPtpFile.Entry> entries);

    StoredRelease replaceMue(Release release, List<MueFile.Entry> entries);

    StoredRelease replaceEdits(Release release, EditTablesFile.Edits edits);

    StoredRelease replaceIndications(Release release, List<EditTablesFile.Indication> indications);

    /** Whether no release of any code set has been imported. */
    boolean empty();

    List<StoredRelease> releases();
}
