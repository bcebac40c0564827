package io.claimflow.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one record's bytes that refuses a string or bytes length, or an array or map block count,
 * larger than the bytes left, before anything is allocated. Avro's own decoder allocates the length it reads (up to
 * 2 GB) and only then finds the bytes missing: one corrupt or hostile record is an OutOfMemoryError in the consumer.
 * A block count is bounded by the bytes left because every item of ClaimFlow's arrays and maps takes at least one
 * byte (a map entry's key alone does).
 */
final class BoundedDecoder extends Decoder {

    private final ByteArrayInputStream in;
    private final Decoder binary;

    BoundedDecoder(byte[] data, int offset, int length) {
        this.in = new ByteArrayInputStream(data, offset, length);
        // unbuffered: what the stream has left is exactly what the decoder has not read
        this.binary = DecoderFactory.get().directBinaryDecoder(in, null);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        binary.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length("bytes value");
        byte[] bytes = new byte[length];
        binary.readFixed(bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public long readArrayStart() throws IOException {
        return count(binary.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return count(binary.arrayNext(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return count(binary.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return count(binary.mapNext(), "map");
    }

    private int length(String what) throws IOException {
        long length = binary.readLong();
        if (length < 0 || length > in.available()) {
            throw new EOFException("a " + what + " of " + length + " bytes where " + in.available() + " are left");
        }
        return (int) length;
    }

    private long count(long count, String what) throws EOFException {
        if (count > in.available()) {
            throw new EOFException(
                    "an " + what + " block of " + count + " items where " + in.available() + " bytes are left");
        }
        return count;
    }

    @Override
    public void readNull() throws IOException {
        binary.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return binary.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return binary.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return binary.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return binary.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return binary.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        binary.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        binary.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        binary.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        binary.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return binary.readEnum();
    }

    @Override
    public long skipArray() throws IOException {
        return binary.skipArray();
    }

    @Override
    public long skipMap() throws IOException {
        return binary.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return binary.readIndex();
    }
}
