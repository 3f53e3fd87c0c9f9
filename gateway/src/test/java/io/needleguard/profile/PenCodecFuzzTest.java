package io.needleguard.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every decoder of the pen profile against frames a pen, a rogue device or a bad radio could send:
 * random bytes, and real frames with bytes changed, cut short or added to. A decoder answers with a
 * value or a typed {@link FrameException}, never anything else: a bad frame is dropped and reported, and
 * the link lives on. 10,000 frames per decoder here; {@code PenCodecFuzzLongRun} sends a million
 * ({@code ./mvnw -B verify -Preliability}). jqwik prints the seed of a failing run, to run it again.
 */
class PenCodecFuzzTest {

    /** The decoders, by name, each with a real frame to start mutations from. */
    enum Decoder {
        STATUS(PenCodec.encode(new StatusFrame(true, 1, Depth.ofMm("0.5"), 120, Area.CHEEKS, "C-12"))) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeStatus(bytes);
            }
        },
        SESSION_RECORD(PenCodec.encode(new SessionRecordFrame(
                7,
                Instant.parse("2026-01-05T18:00:00Z"),
                Instant.parse("2026-01-05T18:10:00Z"),
                Depth.ofMm("0.25"),
                120,
                Area.NOSE,
                "C-7"))) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeSessionRecord(bytes);
            }
        },
        TIME_SYNC(PenCodec.encodeTimeSync(Instant.parse("2026-01-05T18:00:00Z"))) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeTimeSync(bytes);
            }
        },
        AREA(PenCodec.encodeArea(Area.CHIN)) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeArea(bytes);
            }
        },
        BATTERY(new byte[] {87}) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeBatteryLevel(bytes);
            }
        },
        REQUEST(PenCodec.encode(RecordAccess.Request.reportFrom(4))) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeRequest(bytes);
            }
        },
        RESPONSE(new byte[] {0x06, 0x00, 0x01, 0x01}) {
            @Override
            Object decode(byte[] bytes) throws FrameException {
                return PenCodec.decodeResponse(bytes);
            }
        },
        STRING("sim-a1".getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            Object decode(byte[] bytes) {
                return PenCodec.decodeString(bytes);
            }
        };

        @SuppressWarnings("ImmutableEnumChecker") // a fixed vector the tests only read
        final byte[] valid;

        Decoder(byte[] valid) {
            this.valid = valid;
        }

        abstract Object decode(byte[] bytes) throws FrameException;
    }

    /** What a decoder did with a frame: a value, or a typed refusal; anything else fails the property. */
    static void decodesOrRefuses(Decoder decoder, byte[] frame) {
        try {
            Object value = decoder.decode(frame);
            assertEquals(
                    false,
                    value == null,
                    decoder + " gave null for " + java.util.HexFormat.of().formatHex(frame));
        } catch (FrameException refused) {
            assertEquals(
                    false, refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
        }
    }

    @Property(tries = 10_000)
    void statusFrames(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.STATUS, mutate(Decoder.STATUS, frame));
    }

    @Property(tries = 10_000)
    void sessionRecords(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.SESSION_RECORD, mutate(Decoder.SESSION_RECORD, frame));
    }

    @Property(tries = 10_000)
    void timeSync(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.TIME_SYNC, mutate(Decoder.TIME_SYNC, frame));
    }

    @Property(tries = 10_000)
    void areas(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.AREA, mutate(Decoder.AREA, frame));
    }

    @Property(tries = 10_000)
    void batteryLevels(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.BATTERY, mutate(Decoder.BATTERY, frame));
    }

    @Property(tries = 10_000)
    void recordAccessRequests(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.REQUEST, mutate(Decoder.REQUEST, frame));
    }

    @Property(tries = 10_000)
    void recordAccessResponses(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.RESPONSE, mutate(Decoder.RESPONSE, frame));
    }

    @Property(tries = 10_000)
    void strings(@ForAll("frames") byte[] frame) {
        decodesOrRefuses(Decoder.STRING, mutate(Decoder.STRING, frame));
    }

    /**
     * A frame to try: random bytes (first byte 0xff), or a recipe for changing the decoder's real frame
     * (first byte: 0 change bytes, 1 cut short, 2 add bytes; the rest: positions and values).
     */
    @Provide
    static Arbitrary<byte[]> frames() {
        Arbitrary<byte[]> random =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(48).map(b -> prefixed((byte) 0xff, b));
        Arbitrary<byte[]> recipe = Combinators.combine(
                        Arbitraries.of((byte) 0, (byte) 1, (byte) 2),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as(PenCodecFuzzTest::prefixed);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(3, recipe));
    }

    /** The frame a recipe makes from the decoder's real one. */
    static byte[] mutate(Decoder decoder, byte[] recipe) {
        byte kind = recipe[0];
        byte[] arguments = java.util.Arrays.copyOfRange(recipe, 1, recipe.length);
        if (kind == (byte) 0xff) {
            return arguments;
        }
        byte[] valid = decoder.valid.clone();
        return switch (kind) {
            case 0 -> {
                for (int i = 0; i + 1 < arguments.length; i += 2) {
                    valid[Math.floorMod(arguments[i], valid.length)] = arguments[i + 1];
                }
                yield valid;
            }
            case 1 -> java.util.Arrays.copyOf(valid, Math.floorMod(arguments[0], valid.length));
            default -> {
                byte[] longer = java.util.Arrays.copyOf(valid, valid.length + arguments.length);
                System.arraycopy(arguments, 0, longer, valid.length, arguments.length);
                yield longer;
            }
        };
    }

    private static byte[] prefixed(byte first, byte[] rest) {
        byte[] all = new byte[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Every decoder, for the long run's single property. */
    static List<Decoder> decoders() {
        return List.of(Decoder.values());
    }
}
