package io.claimflow.x12;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an X12 interchange with staedi into its segments; staedi checks the envelope on the way with its control
 * schema for the interchange's version (ISA/IEA, GS/GE,
 * ST/SE: control numbers that match, segment and transaction counts). Anything staedi reports as an error makes the
 * whole file unreadable: {@link X12FormatException} with the segment and the kind of error, never the data.
 */
public final class X12Segments {

    private X12Segments() {}

    public static List<Segment> read(byte[] x12) {
        if (x12 == null || x12.length == 0) {
            throw new X12FormatException("the file is empty");
        }
        EDIInputFactory factory = EDIInputFactory.newFactory();
        List<Segment> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean sawInterchangeEnd = false;
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(x12))) {
            String tag = null;
            List<List<String>> elements = null;
            int position = 0;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>();
                        position++;
                    }
                    case ELEMENT_DATA -> {
                        if (elements != null) {
                            put(elements, reader.getLocation(), reader.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        if (tag != null) {
                            segments.add(new Segment(tag, elements, position));
                        }
                        tag = null;
                        elements = null;
                    }
                    case END_INTERCHANGE -> sawInterchangeEnd = true;
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        Location location = reader.getLocation();
                        errors.add(String.format(
                                "%s at segment %d (%s) element %d: %s",
                                event.name().toLowerCase().replace('_', ' '),
                                location.getSegmentPosition(),
                                location.getSegmentTag(),
                                location.getElementPosition(),
                                reader.getErrorType()));
                    }
                    default -> {
                        // interchange, group, transaction and loop boundaries: the segments carry them
                    }
                }
            }
        } catch (EDIStreamException e) {
            throw new X12FormatException("not readable as X12: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new X12FormatException("cannot read the file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new X12FormatException("not readable as X12: " + e.getClass().getSimpleName(), e);
        }
        if (!errors.isEmpty()) {
            throw new X12FormatException("invalid X12 envelope: "
                    + String.join("; ", errors.subList(0, Math.min(errors.size(), 5))));
        }
        if (segments.isEmpty() || !segments.get(0).tag().equals("ISA") || !sawInterchangeEnd) {
            throw new X12FormatException("not a complete X12 interchange (ISA ... IEA)");
        }
        return segments;
    }

    private static void put(List<List<String>> elements, Location location, String text) {
        int pos = location.getElementPosition();
        int comp = location.getComponentPosition();
        if (pos < 1 || location.getElementOccurrence() > 1) {
            return; // repetitions beyond the first are not used by the transactions read here
        }
        while (elements.size() < pos) {
            elements.add(new ArrayList<>());
        }
        List<String> components = elements.get(pos - 1);
        int index = comp < 1 ? 1 : comp;
        while (components.size() < index) {
            components.add(null);
        }
        components.set(index - 1, text == null ? null : text.trim());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
