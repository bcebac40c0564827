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
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Builds the SNOMED CT crosswalk from Synthea's {@code condition_code_map.json} and {@code hcpcs_code_map.json}
 * (unpacked from the Synthea jar at build time into {@code crosswalk/synthea/}) overlaid with ClaimFlow's own
 * {@code crosswalk/snomed-overlay.csv}, whose rows replace Synthea's targets of the same concept.
 */
public final class CrosswalkLoader {

    static final String CONDITIONS = "crosswalk/synthea/condition_code_map.json";
    static final String PROCEDURES = "crosswalk/synthea/hcpcs_code_map.json";
    static final String OVERLAY = "crosswalk/snomed-overlay.csv";

    private CrosswalkLoader() {
    }

    public static Crosswalk load() {
        Map<String, List<Crosswalk.Target>> icd = json(CONDITIONS);
        Map<String, List<Crosswalk.Target>> procedures = json(PROCEDURES);
        Map<String, List<Crosswalk.Target>> overlayIcd = new LinkedHashMap<>();
        Map<String, List<Crosswalk.Target>> overlayProcedures = new LinkedHashMap<>();
        Resource overlay = new ClassPathResource(OVERLAY);
        if (overlay.exists()) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(overlay.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split(",", 4);
                    if (f.length < 4) {
                        throw new IllegalStateException(OVERLAY + ": a row needs concept,target system,code,text");
                    }
                    Map<String, List<Crosswalk.Target>> into = "ICD10CM".equals(f[1].trim()) ? overlayIcd
                            : overlayProcedures;
                    into.computeIfAbsent(f[0].trim(), k -> new ArrayList<>())
                            .add(new Crosswalk.Target(f[2].trim(), f[3].trim()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        icd.putAll(overlayIcd);
        procedures.putAll(overlayProcedures);
        return new Crosswalk(icd, procedures);
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
                    targets.add(new Crosswalk.Target(target.path("code").asText(),
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
