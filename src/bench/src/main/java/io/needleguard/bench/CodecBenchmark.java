package io.needleguard.bench;

import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.RecordAccess;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decoding each frame of the pen profile (src/docs/pen-profile.md), as a pen sends it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    @Param({"status", "session-record", "time-sync", "area", "battery-level", "racp-request", "racp-response"})
    public String frame;

    private byte[] bytes;

    @Setup
    public void encode() {
        Instant start = Instant.parse("2026-01-05T18:00:00Z");
        bytes = switch (frame) {
            case "status" -> PenCodec.encode(new StatusFrame(true, 42, Depth.ofMm("0.5"), 120, Area.CHEEKS, "C-0001"));
            case "session-record" ->
                PenCodec.encode(new SessionRecordFrame(
                        7, start, start.plusSeconds(600), Depth.ofMm("0.5"), 120, Area.CHEEKS, "C-0001"));
            case "time-sync" -> PenCodec.encodeTimeSync(start);
            case "area" -> PenCodec.encodeArea(Area.FOREHEAD);
            case "battery-level" -> new byte[] {87};
            case "racp-request" -> PenCodec.encode(RecordAccess.Request.reportFrom(7));
            case "racp-response" -> PenCodec.encode(new RecordAccess.CountResponse(3));
            default -> throw new IllegalArgumentException(frame);
        };
    }

    @Benchmark
    public Object decode() throws FrameException {
        return switch (frame) {
            case "status" -> PenCodec.decodeStatus(bytes);
            case "session-record" -> PenCodec.decodeSessionRecord(bytes);
            case "time-sync" -> PenCodec.decodeTimeSync(bytes);
            case "area" -> PenCodec.decodeArea(bytes);
            case "battery-level" -> PenCodec.decodeBatteryLevel(bytes);
            case "racp-request" -> PenCodec.decodeRequest(bytes);
            case "racp-response" -> PenCodec.decodeResponse(bytes);
            default -> throw new IllegalArgumentException(frame);
        };
    }
}
