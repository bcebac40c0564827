package io.claimflow.console.web.adapter;

import java.util.ArrayList;
import java.util.List;

/** An X12 interchange as one segment per line, for reading: the segment terminator is the ISA's 106th character. */
final class X12Segments {

    private static final int ISA_LENGTH = 106;

    private X12Segments() {}

    static List<String> of(String x12) {
        String text = x12.strip();
        if (!text.startsWith("ISA") || text.length() < ISA_LENGTH) {
            return text.lines().toList();
        }
        char terminator = text.charAt(ISA_LENGTH - 1);
        List<String> segments = new ArrayList<>();
        for (String segment : text.split(java.util.regex.Pattern.quote(String.valueOf(terminator)))) {
            String s = segment.strip();
            if (!s.isEmpty()) {
                segments.add(s + terminator);
            }
        }
        return segments;
    }
}
