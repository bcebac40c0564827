package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.intake.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Resource;

/**
 * The warnings and information of one bundle, which refuse nothing: defaults applied, what was not published or not
 * read. The same warning repeated (the same practitioner without an NPI on every visit) is given once with a count;
 * resources not read are counted by type.
 */
final class Notices {

    private final Map<String, Problem> byText = new LinkedHashMap<>();
    private final Map<String, Integer> repeats = new LinkedHashMap<>();

    void add(Problem notice) {
        String key = notice.kind() + "|" + notice.message();
        if (byText.putIfAbsent(key, notice) != null) {
            repeats.merge(key, 1, Integer::sum);
        }
    }

    void addAll(List<Problem> notices) {
        notices.forEach(this::add);
    }

    /** One information issue per resource type of which some entries were read by nothing. */
    void notRead(BundleReferences refs) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Resource resource : refs.all()) {
            if (!refs.isUsed(resource)) {
                counts.merge(resource.fhirType(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            add(new Problem(
                    "Bundle.entry",
                    Problem.Kind.NOT_USED,
                    count.getValue() + " " + count.getKey()
                            + " resource(s) not read (what is read: EHR integration guide; nothing of encounters not "
                            + "published)"));
        }
    }

    List<Problem> list() {
        List<Problem> list = new ArrayList<>();
        for (Map.Entry<String, Problem> entry : byText.entrySet()) {
            Integer more = repeats.get(entry.getKey());
            Problem notice = entry.getValue();
            list.add(
                    more == null
                            ? notice
                            : new Problem(
                                    notice.location(),
                                    notice.kind(),
                                    notice.message() + " (and " + more + " more time(s) in this bundle)"));
        }
        return list;
    }
}
