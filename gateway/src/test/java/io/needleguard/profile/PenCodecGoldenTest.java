package io.needleguard.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.profile.GoldenVectors.Vector;
import io.needleguard.profile.RecordAccess.CodeResponse;
import io.needleguard.profile.RecordAccess.CountResponse;
import io.needleguard.profile.RecordAccess.OpCode;
import io.needleguard.profile.RecordAccess.Operator;
import io.needleguard.profile.RecordAccess.Request;
import io.needleguard.profile.RecordAccess.ResponseCode;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PenCodecGoldenTest {

    static Stream<Vector> valid() {
        return GoldenVectors.all().stream().filter(v -> v.error() == null);
    }

    static Stream<Vector> invalid() {
        return GoldenVectors.all().stream().filter(v -> v.error() != null);
    }

    @Test
    void everyFrameKindHasValidAndInvalidVectors() {
        List<Vector> all = GoldenVectors.all();
        for (String frame : List.of(
                "status", "session-record", "time-sync", "area", "battery-level", "racp-request", "racp-response")) {
            assertTrue(all.stream().anyMatch(v -> v.frame().equals(frame) && v.error() == null), frame);
            assertTrue(all.stream().anyMatch(v -> v.frame().equals(frame) && v.error() != null), frame);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesToTheDocumentedFields(Vector v) throws FrameException {
        assertEquals(expected(v), decode(v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void encodesToTheDocumentedBytes(Vector v) {
        if (v.encodes()) {
            assertArrayEquals(v.bytes(), encode(expected(v)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void raisesTheDocumentedError(Vector v) {
        Class<? extends FrameException> kind = switch (v.error()) {
            case "truncated" -> FrameException.Truncated.class;
            case "unknown-version" -> FrameException.UnknownVersion.class;
            case "out-of-range" -> FrameException.OutOfRange.class;
            default -> throw new IllegalArgumentException("unknown error kind " + v.error());
        };
        FrameException e = assertThrows(FrameException.class, () -> decode(v));
        assertInstanceOf(kind, e);
        assertTrue(e.getMessage().startsWith(e.frame() + " frame: "), e.getMessage());
    }

    private static Object decode(Vector v) throws FrameException {
        return switch (v.frame()) {
            case "status" -> PenCodec.decodeStatus(v.bytes());
            case "session-record" -> PenCodec.decodeSessionRecord(v.bytes());
            case "time-sync" -> PenCodec.decodeTimeSync(v.bytes());
            case "area" -> PenCodec.decodeArea(v.bytes());
            case "battery-level" -> PenCodec.decodeBatteryLevel(v.bytes());
            case "racp-request" -> PenCodec.decodeRequest(v.bytes());
            case "racp-response" -> PenCodec.decodeResponse(v.bytes());
            default -> throw new IllegalArgumentException(v.frame());
        };
    }

    private static byte[] encode(Object frame) {
        if (frame instanceof StatusFrame s) {
            return PenCodec.encode(s);
        }
        if (frame instanceof SessionRecordFrame r) {
            return PenCodec.encode(r);
        }
        if (frame instanceof Instant t) {
            return PenCodec.encodeTimeSync(t);
        }
        if (frame instanceof Area a) {
            return PenCodec.encodeArea(a);
        }
        if (frame instanceof Integer percent) {
            return new byte[] {(byte) (int) percent};
        }
        if (frame instanceof Request r) {
            return PenCodec.encode(r);
        }
        return PenCodec.encode((RecordAccess.Response) frame);
    }

    /** The frame the vector's "decoded" object describes, built independently of the decoder. */
    private static Object expected(Vector v) {
        JsonNode d = v.decoded();
        return switch (v.frame()) {
            case "status" ->
                new StatusFrame(
                        d.get("running").asBoolean(),
                        d.get("sequence").asInt(),
                        Depth.ofMm(d.get("depthMm").asText()),
                        d.get("strokeHz").asInt(),
                        area(d),
                        d.get("cartridge").asText());
            case "session-record" ->
                new SessionRecordFrame(
                        d.get("counter").asLong(),
                        Instant.parse(d.get("start").asText()),
                        Instant.parse(d.get("end").asText()),
                        Depth.ofMm(d.get("depthMm").asText()),
                        d.get("strokeHz").asInt(),
                        area(d),
                        d.get("cartridge").asText());
            case "time-sync" -> Instant.parse(d.get("time").asText());
            case "area" -> area(d);
            case "battery-level" -> d.get("percent").asInt();
            case "racp-request" ->
                new Request(
                        OpCode.valueOf(d.get("opCode").asText()),
                        Operator.valueOf(d.get("operator").asText()),
                        d.get("counter").asLong());
            case "racp-response" ->
                d.has("count")
                        ? new CountResponse(d.get("count").asLong())
                        : new CodeResponse(
                                OpCode.valueOf(d.get("request").asText()),
                                ResponseCode.valueOf(d.get("code").asText()));
            default -> throw new IllegalArgumentException(v.frame());
        };
    }

    private static Area area(JsonNode d) {
        return Area.fromId(d.get("area").asText()).orElseThrow();
    }
}
