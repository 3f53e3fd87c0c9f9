package io.needleguard.sim.pen;

import static io.needleguard.profile.PenProfile.RECORD_ACCESS;
import static io.needleguard.profile.PenProfile.SESSION_RECORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.RecordAccess.CodeResponse;
import io.needleguard.profile.RecordAccess.CountResponse;
import io.needleguard.profile.RecordAccess.OpCode;
import io.needleguard.profile.RecordAccess.Request;
import io.needleguard.profile.RecordAccess.ResponseCode;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pen's memory as the gateway sees it through the record access control point. */
class SessionMemoryTest {

    private static final Instant START = Instant.parse("2026-01-10T19:00:00Z");

    private final SessionMemory memory = new SessionMemory();

    private static SessionRecordFrame session(long counter) {
        Instant start = START.plusSeconds(3600 * counter);
        return new SessionRecordFrame(
                counter, start, start.plusSeconds(600), Depth.ofMm("0.5"), 100, Area.FOREHEAD, "C-1");
    }

    private List<Long> reported() throws FrameException {
        List<Long> counters = new ArrayList<>();
        for (SessionMemory.Reply r : memory.answer(PenCodec.encode(Request.reportAll()))) {
            if (r.characteristic().equals(SESSION_RECORD)) {
                counters.add(PenCodec.decodeSessionRecord(r.value()).counter());
            }
        }
        return counters;
    }

    private static Object only(List<SessionMemory.Reply> replies) throws FrameException {
        assertEquals(1, replies.size(), "one answer");
        assertEquals(RECORD_ACCESS, replies.get(0).characteristic());
        return PenCodec.decodeResponse(replies.get(0).value());
    }

    @Test
    void aFullMemoryOverwritesItsOldestSession() throws FrameException {
        for (long counter = 1; counter <= SimulatedPen.MEMORY_CAPACITY + 2; counter++) {
            memory.add(session(counter));
        }

        assertEquals(SimulatedPen.MEMORY_CAPACITY, memory.size());
        List<Long> kept = reported();
        assertEquals(3L, kept.get(0), "sessions 1 and 2 were overwritten");
        assertEquals(SimulatedPen.MEMORY_CAPACITY + 2L, kept.get(kept.size() - 1));
    }

    @Test
    void deletingUpToACounterKeepsWhatCameAfter() throws FrameException {
        for (long counter = 1; counter <= 5; counter++) {
            memory.add(session(counter));
        }

        assertEquals(
                new CodeResponse(OpCode.DELETE_RECORDS, ResponseCode.SUCCESS),
                only(memory.answer(PenCodec.encode(Request.deleteUpTo(3)))));

        assertEquals(List.of(4L, 5L), reported());
        assertEquals(new CountResponse(2), only(memory.answer(PenCodec.encode(Request.countAll()))));
        assertEquals(
                new CodeResponse(OpCode.DELETE_RECORDS, ResponseCode.NO_RECORDS_FOUND),
                only(memory.answer(PenCodec.encode(Request.deleteUpTo(3)))));
    }

    @Test
    void anEmptyMemoryReportsNoRecordsFound() throws FrameException {
        assertEquals(
                new CodeResponse(OpCode.REPORT_RECORDS, ResponseCode.NO_RECORDS_FOUND),
                only(memory.answer(PenCodec.encode(Request.reportAll()))));
    }

    @Test
    void aKnownRequestWithABadOperandIsAnsweredAndNoiseIsIgnored() throws FrameException {
        // Report records (0x01) with an operator the profile does not define.
        assertEquals(
                new CodeResponse(OpCode.REPORT_RECORDS, ResponseCode.INVALID_OPERAND),
                only(memory.answer(new byte[] {0x01, 0x7f})));
        assertEquals(List.of(), memory.answer(new byte[] {(byte) 0xee, 0x01}), "not a request: no answer");
        assertEquals(List.of(), memory.answer(new byte[0]));
        assertEquals(
                new CodeResponse(OpCode.ABORT, ResponseCode.SUCCESS),
                only(memory.answer(PenCodec.encode(Request.abort()))));
    }
}
