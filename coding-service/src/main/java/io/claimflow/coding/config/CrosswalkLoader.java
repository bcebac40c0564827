package io.claimflow.coding.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.coding.rules.Crosswalk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Builds the SNOMED CT crosswalk from Synthea's {@code condition_code_map.json} and {@code hcpcs_code_map.json}
 * (unpacked from the Synthea jar at build time into {@code crosswalk/synthea/}) overlaid with ClaimFlow's own
 * {@code crosswalk/snomed-overlay.csv}, whose rows replace Synthea's targets of the same concept (or say that a concept
 * is not reported, {@code NOT_REPORTED}, or a dental service, {@code DENTAL}), plus {@code crosswalk/cvx-cpt.csv}
 * (vaccines) and {@code crosswalk/rxnorm-hcpcs.csv} (drugs given in clinics).
 */
public final class CrosswalkLoader {

    static final String CONDITIONS = "crosswalk/synthea/condition_code_map.json";
    static final String PROCEDURES = "crosswalk/synthea/hcpcs_code_map.json";
    static final String OVERLAY = "crosswalk/snomed-overlay.csv";
    static final String VACCINES = "crosswalk/cvx-cpt.csv";
    static final String DRUGS = "crosswalk/rxnorm-hcpcs.csv";

    private CrosswalkLoader() {}

    public static Crosswalk load() {
        Map<String, List<Crosswalk.Target>> icd = json(CONDITIONS);
        Map<String, List<Crosswalk.Target>> procedures = json(PROCEDURES);
        Map<String, List<Crosswalk.Target>> overlayIcd = new LinkedHashMap<>();
        Map<String, List<Crosswalk.Target>> overlayProcedures = new LinkedHashMap<>();
        Map<String, String> notReported = new LinkedHashMap<>();
        Set<String> dental = new LinkedHashSet<>();
        for (String[] f : rows(OVERLAY, 4, "concept,target system,code,text")) {
            String concept = f[0].trim();
            switch (f[1].trim()) {
                case "ICD10CM" ->
                    overlayIcd
                            .computeIfAbsent(concept, k -> new ArrayList<>())
                            .add(new Crosswalk.Target(f[2].trim(), f[3].trim()));
                case "PROCEDURE" ->
                    overlayProcedures
                            .computeIfAbsent(concept, k -> new ArrayList<>())
                            .add(new Crosswalk.Target(f[2].trim(), f[3].trim()));
                case "NOT_REPORTED" -> notReported.put(concept, f[3].trim());
                case "DENTAL" -> dental.add(concept);
                default -> throw new IllegalStateException(OVERLAY + ": unknown target system " + f[1].trim());
            }
        }
        icd.putAll(overlayIcd);
        procedures.putAll(overlayProcedures);
        Map<String, Crosswalk.Target> vaccines = new LinkedHashMap<>();
        for (String[] f : rows(VACCINES, 3, "cvx,cpt,text")) {
            vaccines.put(f[0].trim(), new Crosswalk.Target(f[1].trim(), f[2].trim()));
        }
        Map<String, Crosswalk.DrugTarget> drugs = new LinkedHashMap<>();
        for (String[] f : rows(DRUGS, 4, "rxnorm,hcpcs (empty: not billed),units per administration,text")) {
            String hcpcs = f[1].trim();
            drugs.put(
                    f[0].trim(),
                    new Crosswalk.DrugTarget(
                            hcpcs.isEmpty() ? null : hcpcs,
                            hcpcs.isEmpty() ? 0 : Integer.parseInt(f[2].trim()),
                            f[3].trim()));
        }
        return new Crosswalk(icd, procedures, vaccines, drugs, notReported, dental);
    }

    /** The rows of a hand-written crosswalk file: comma separated, the last column free text. */
    private static List<String[]> rows(String resource, int columns, String layout) {
        List<String[]> rows = new ArrayList<>();
        Resource file = new ClassPathResource(resource);
        if (!file.exists()) {
            return rows;
        }
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", columns);
                if (f.length < columns) {
                    throw new IllegalStateException(resource + ": a row needs " + layout);
                }
                rows.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Map<String, List<Crosswalk.Target>> json(String resource) {
        Map<String, List<Crosswalk.Target>> map = new LinkedHashMap<>();
        Resource file = new ClassPathResource(resource);
        if (!file.exists()) {
            return map; // built without the Synthea data: the overlay alone
        }
        try (InputStream in = file.getInputStream()) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> concept = it.next();
                List<Crosswalk.Target> targets = new ArrayList<>();
                for (JsonNode target : concept.getValue()) {
                    targets.add(new Crosswalk.Target(
                            target.path("code").asText(),
                            target.path("description").asText()));
                }
                map.put(concept.getKey(), targets);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return map;
    }
}
