package io.claimflow.x12;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A thin helper over staedi's {@link EDIStreamWriter}: one call per segment, each element written through the
 * library (which applies the delimiters declared in ISA and drops trailing empty elements). An element is a
 * {@link String} (null or empty = empty element) or a {@code String[]} composite.
 */
public final class X12Output implements AutoCloseable {

    private static final Schema CONTROL_SCHEMA = loadControlSchema();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final EDIStreamWriter writer;
    private int segmentsInTransaction;

    public X12Output(boolean prettyPrint) {
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, prettyPrint);
        writer = factory.createEDIStreamWriter(bytes);
        // staedi checks the envelope (ISA/GS/ST and their trailers, control numbers and counts) while writing
        writer.setControlSchema(CONTROL_SCHEMA);
    }

    public void startInterchange() {
        try {
            writer.startInterchange();
        } catch (EDIStreamException e) {
            throw new X12FormatException("cannot start interchange: " + e.getMessage(), e);
        }
    }

    public void endInterchange() {
        try {
            writer.endInterchange();
            writer.flush();
        } catch (EDIStreamException e) {
            throw new X12FormatException("cannot end interchange: " + e.getMessage(), e);
        }
    }

    /** Starts counting segments for SE01 (the ST segment counts). */
    public void startTransaction() {
        segmentsInTransaction = 0;
    }

    /** Segments written since {@link #startTransaction()}, SE included when called for SE01 before writing SE. */
    public int segmentCountIncludingSe() {
        return segmentsInTransaction + 1;
    }

    public X12Output segment(String tag, Object... elements) {
        try {
            writer.writeStartSegment(tag);
            for (Object element : elements) {
                if (element == null) {
                    writer.writeEmptyElement();
                } else if (element instanceof String[] components) {
                    writer.writeStartElement();
                    for (String component : components) {
                        if (component == null || component.isEmpty()) {
                            writer.writeEmptyComponent();
                        } else {
                            writer.writeComponent(component);
                        }
                    }
                    writer.endElement();
                } else {
                    String value = element.toString();
                    if (value.isEmpty()) {
                        writer.writeEmptyElement();
                    } else {
                        writer.writeElement(value);
                    }
                }
            }
            writer.writeEndSegment();
            segmentsInTransaction++;
            return this;
        } catch (EDIStreamException e) {
            throw new X12FormatException("cannot write segment " + tag + ": " + e.getMessage(), e);
        }
    }

    private static Schema loadControlSchema() {
        try {
            return SchemaFactory.newFactory()
                    .getControlSchema(EDIStreamConstants.Standards.X12, new String[] {"00501"});
        } catch (EDISchemaException e) {
            throw new IllegalStateException("staedi's X12 control schema is missing", e);
        }
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }

    public String asText() {
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (EDIStreamException e) {
            throw new X12FormatException("cannot close X12 writer: " + e.getMessage(), e);
        }
    }
}
