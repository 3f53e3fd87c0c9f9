package io.needleguard.profile;

import io.needleguard.profile.RecordAccess.CodeResponse;
import io.needleguard.profile.RecordAccess.CountResponse;
import io.needleguard.profile.RecordAccess.OpCode;
import io.needleguard.profile.RecordAccess.Operator;
import io.needleguard.profile.RecordAccess.Request;
import io.needleguard.profile.RecordAccess.Response;
import io.needleguard.profile.RecordAccess.ResponseCode;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes and decodes pen profile v1 frames (src/docs/pen-profile.md). Pure functions: bytes in,
 * a frame or a typed {@link FrameException} out. All integers are little-endian and unsigned.
 * Bytes after the last v1 field are ignored, so a later minor revision can append fields.
 */
public final class PenCodec {

    /** Deepest needle a v1 frame may carry: 3.00 mm. */
    public static final int MAX_DEPTH_HUNDREDTHS = 300;

    public static final int MAX_STROKE_HZ = 1000;
    public static final int MAX_CARTRIDGE_LENGTH = 16;

    private static final int STATUS_FIXED = 10;
    private static final int RECORD_FIXED = 20;
    private static final int RUNNING = 0x01;

    private PenCodec() {}

    // ---- status -------------------------------------------------------------------------------

    public static StatusFrame decodeStatus(byte[] bytes) throws FrameException {
        String frame = "status";
        Reader in = new Reader(frame, bytes, STATUS_FIXED);
        int flags = in.u8();
        int sequence = in.u16();
        Depth depth = in.depth();
        int strokeHz = in.strokeHz();
        Area area = in.area();
        String cartridge = in.cartridge();
        return new StatusFrame((flags & RUNNING) != 0, sequence, depth, strokeHz, area, cartridge);
    }

    public static byte[] encode(StatusFrame status) {
        Writer out = new Writer(STATUS_FIXED + status.cartridge().length());
        out.u8(status.running() ? RUNNING : 0);
        out.u16(status.sequence() & 0xffff);
        out.u16(status.depth().hundredthsMm());
        out.u16(status.strokeHz());
        out.u8(status.area().code());
        out.cartridge(status.cartridge());
        return out.bytes();
    }

    // ---- session record -----------------------------------------------------------------------

    public static SessionRecordFrame decodeSessionRecord(byte[] bytes) throws FrameException {
        String frame = "session record";
        Reader in = new Reader(frame, bytes, RECORD_FIXED);
        in.u8(); // flags: none defined in v1, ignored so a later revision can add some
        long counter = in.u32();
        if (counter == 0) {
            throw new FrameException.OutOfRange(frame, "session counter", 0, "1 to 4294967295");
        }
        Instant start = Instant.ofEpochSecond(in.u32());
        Instant end = Instant.ofEpochSecond(in.u32());
        if (end.isBefore(start)) {
            throw new FrameException.OutOfRange(frame, "end " + end + " is before start " + start);
        }
        Depth depth = in.depth();
        int strokeHz = in.strokeHz();
        Area area = in.area();
        String cartridge = in.cartridge();
        return new SessionRecordFrame(counter, start, end, depth, strokeHz, area, cartridge);
    }

    public static byte[] encode(SessionRecordFrame record) {
        Writer out = new Writer(RECORD_FIXED + record.cartridge().length());
        out.u8(0);
        out.u32(record.counter());
        out.u32(record.start().getEpochSecond());
        out.u32(record.end().getEpochSecond());
        out.u16(record.depth().hundredthsMm());
        out.u16(record.strokeHz());
        out.u8(record.area().code());
        out.cartridge(record.cartridge());
        return out.bytes();
    }

    // ---- time sync ----------------------------------------------------------------------------

    public static Instant decodeTimeSync(byte[] bytes) throws FrameException {
        Reader in = new Reader("time sync", bytes, 5);
        return Instant.ofEpochSecond(in.u32());
    }

    /** The pen's clock, to the second, as Unix time. */
    public static byte[] encodeTimeSync(Instant now) {
        Writer out = new Writer(5);
        out.u32(now.getEpochSecond());
        return out.bytes();
    }

    // ---- area ---------------------------------------------------------------------------------

    public static Area decodeArea(byte[] bytes) throws FrameException {
        return new Reader("area", bytes, 2).area();
    }

    public static byte[] encodeArea(Area area) {
        Writer out = new Writer(2);
        out.u8(area.code());
        return out.bytes();
    }

    // ---- battery (SIG Battery Level: one byte, percent) ----------------------------------------

    public static int decodeBatteryLevel(byte[] bytes) throws FrameException {
        String frame = "battery level";
        if (bytes.length < 1) {
            throw new FrameException.Truncated(frame, 1, 0);
        }
        int level = bytes[0] & 0xff;
        if (level > 100) {
            throw new FrameException.OutOfRange(frame, "battery level", level, "0 to 100 %");
        }
        return level;
    }

    /** Device Information strings are UTF-8 without a terminator; a trailing NUL some pens send is dropped. */
    public static String decodeString(byte[] bytes) {
        int length = bytes.length;
        while (length > 0 && bytes[length - 1] == 0) {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    // ---- record access control point ------------------------------------------------------------

    public static byte[] encode(Request request) {
        ByteBuffer out = ByteBuffer.allocate(request.hasOperand() ? 6 : 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) request.opCode().code());
        out.put((byte) request.operator().code());
        if (request.hasOperand()) {
            out.putInt((int) request.counter());
        }
        return out.array();
    }

    /**
     * Decodes a request, as the pen does. Unknown op codes and operators are reported as
     * {@link FrameException.OutOfRange}; the pen answers them with a response code.
     */
    public static Request decodeRequest(byte[] bytes) throws FrameException {
        String frame = "record access request";
        if (bytes.length < 2) {
            throw new FrameException.Truncated(frame, 2, bytes.length);
        }
        OpCode op = OpCode.of(bytes[0] & 0xff).orElse(null);
        if (op == null || op == OpCode.COUNT_RESPONSE || op == OpCode.RESPONSE_CODE) {
            throw new FrameException.OutOfRange(frame, "op code", bytes[0] & 0xff, "1 to 4");
        }
        Operator operator = Operator.of(bytes[1] & 0xff);
        if (operator == null) {
            throw new FrameException.OutOfRange(frame, "operator", bytes[1] & 0xff, "0 to 3");
        }
        long counter = 0;
        if (operator == Operator.AT_MOST || operator == Operator.AT_LEAST) {
            if (bytes.length < 6) {
                throw new FrameException.Truncated(frame, 6, bytes.length);
            }
            counter =
                    ByteBuffer.wrap(bytes, 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        }
        return new Request(op, operator, counter);
    }

    public static byte[] encode(Response response) {
        ByteBuffer out = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        if (response instanceof CountResponse count) {
            out.put((byte) OpCode.COUNT_RESPONSE.code())
                    .put((byte) Operator.NULL.code())
                    .putInt((int) count.count());
            return out.array();
        }
        CodeResponse code = (CodeResponse) response;
        return new byte[] {
            (byte) OpCode.RESPONSE_CODE.code(),
            (byte) Operator.NULL.code(),
            (byte) code.request().code(),
            (byte) code.code().code()
        };
    }

    public static Response decodeResponse(byte[] bytes) throws FrameException {
        String frame = "record access response";
        if (bytes.length < 4) {
            throw new FrameException.Truncated(frame, 4, bytes.length);
        }
        OpCode op = OpCode.of(bytes[0] & 0xff).orElse(null);
        if (op == OpCode.COUNT_RESPONSE) {
            if (bytes.length < 6) {
                throw new FrameException.Truncated(frame, 6, bytes.length);
            }
            return new CountResponse(
                    ByteBuffer.wrap(bytes, 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL);
        }
        if (op != OpCode.RESPONSE_CODE) {
            throw new FrameException.OutOfRange(frame, "op code", bytes[0] & 0xff, "5 or 6");
        }
        OpCode request = OpCode.of(bytes[2] & 0xff).orElse(null);
        ResponseCode code = ResponseCode.of(bytes[3] & 0xff);
        if (request == null) {
            throw new FrameException.OutOfRange(frame, "request op code", bytes[2] & 0xff, "1 to 4");
        }
        if (code == null) {
            throw new FrameException.OutOfRange(frame, "response code", bytes[3] & 0xff, "1 to 8");
        }
        return new CodeResponse(request, code);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Reads a versioned frame: checks the version byte and the fixed length up front. */
    private static final class Reader {
        private final String frame;
        private final ByteBuffer buffer;

        Reader(String frame, byte[] bytes, int fixedLength) throws FrameException {
            this.frame = frame;
            if (bytes.length < 1) {
                throw new FrameException.Truncated(frame, fixedLength, 0);
            }
            int version = bytes[0] & 0xff;
            if (version != PenProfile.VERSION) {
                throw new FrameException.UnknownVersion(frame, version);
            }
            if (bytes.length < fixedLength) {
                throw new FrameException.Truncated(frame, fixedLength, bytes.length);
            }
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            buffer.position(1);
        }

        int u8() {
            return buffer.get() & 0xff;
        }

        int u16() {
            return buffer.getShort() & 0xffff;
        }

        long u32() {
            return buffer.getInt() & 0xffffffffL;
        }

        Depth depth() throws FrameException {
            int hundredths = u16();
            if (hundredths > MAX_DEPTH_HUNDREDTHS) {
                throw new FrameException.OutOfRange(frame, "depth", hundredths, "0 to 300 hundredths of a mm");
            }
            return Depth.ofHundredths(hundredths);
        }

        int strokeHz() throws FrameException {
            int hz = u16();
            if (hz > MAX_STROKE_HZ) {
                throw new FrameException.OutOfRange(frame, "stroke frequency", hz, "0 to 1000 Hz");
            }
            return hz;
        }

        Area area() throws FrameException {
            int code = u8();
            return Area.fromCode(code)
                    .orElseThrow(() -> new FrameException.OutOfRange(frame, "area code", code, "0 to 12"));
        }

        String cartridge() throws FrameException {
            int length = u8();
            if (length > MAX_CARTRIDGE_LENGTH) {
                throw new FrameException.OutOfRange(frame, "cartridge id length", length, "0 to 16");
            }
            if (buffer.remaining() < length) {
                throw new FrameException.Truncated(frame, buffer.position() + length, buffer.limit());
            }
            byte[] id = new byte[length];
            buffer.get(id);
            for (byte b : id) {
                if (b < 0x21 || b > 0x7e) {
                    throw new FrameException.OutOfRange(
                            frame, "cartridge id byte", b & 0xff, "printable ASCII 0x21 to 0x7E");
                }
            }
            return new String(id, StandardCharsets.US_ASCII);
        }
    }

    private static final class Writer {
        private final ByteBuffer buffer;

        Writer(int length) {
            buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put((byte) PenProfile.VERSION);
        }

        void u8(int value) {
            buffer.put((byte) value);
        }

        void u16(int value) {
            buffer.putShort((short) value);
        }

        void u32(long value) {
            buffer.putInt((int) value);
        }

        void cartridge(String id) {
            byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > MAX_CARTRIDGE_LENGTH) {
                throw new IllegalArgumentException("a cartridge id has at most 16 characters: " + id);
            }
            buffer.put((byte) bytes.length);
            buffer.put(bytes);
        }

        byte[] bytes() {
            return buffer.array();
        }
    }
}
