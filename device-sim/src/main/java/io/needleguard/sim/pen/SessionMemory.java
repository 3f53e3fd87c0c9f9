package io.needleguard.sim.pen;

import static io.needleguard.profile.PenProfile.RECORD_ACCESS;
import static io.needleguard.profile.PenProfile.SESSION_RECORD;

import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.RecordAccess.CodeResponse;
import io.needleguard.profile.RecordAccess.CountResponse;
import io.needleguard.profile.RecordAccess.OpCode;
import io.needleguard.profile.RecordAccess.Operator;
import io.needleguard.profile.RecordAccess.Request;
import io.needleguard.profile.RecordAccess.ResponseCode;
import io.needleguard.profile.SessionRecordFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * A pen's session memory, which survives being out of range, and its record access control point:
 * what the gateway asks of the memory (report, count, delete) and what the pen notifies in answer.
 * Not thread-safe: the pen's lock guards it.
 */
final class SessionMemory {

    /** One notification the pen sends in answer, on its own service. */
    record Reply(UUID characteristic, byte[] value) {}

    private final Deque<SessionRecordFrame> records = new ArrayDeque<>();

    int size() {
        return records.size();
    }

    /** Keeps a new session; a full memory overwrites its oldest. */
    void add(SessionRecordFrame record) {
        if (records.size() == SimulatedPen.MEMORY_CAPACITY) {
            records.removeFirst();
        }
        records.addLast(record);
    }

    void clear() {
        records.clear();
    }

    /** What the pen notifies in answer to a write to its record access control point, in order. */
    List<Reply> answer(byte[] value) {
        Request request;
        try {
            request = PenCodec.decodeRequest(value);
        } catch (FrameException e) {
            // A request op code the pen knows with a bad operator or operand is answered; anything else
            // is not a request at all and is ignored (src/docs/pen-profile.md, error handling).
            return OpCode.of(value.length > 0 ? value[0] & 0xff : 0)
                    .map(op -> List.of(code(op, ResponseCode.INVALID_OPERAND)))
                    .orElse(List.of());
        }
        List<Reply> out = new ArrayList<>();
        switch (request.opCode()) {
            case REPORT_RECORDS -> {
                List<SessionRecordFrame> selected = select(request);
                selected.forEach(r -> out.add(new Reply(SESSION_RECORD, PenCodec.encode(r))));
                out.add(code(
                        OpCode.REPORT_RECORDS,
                        selected.isEmpty() ? ResponseCode.NO_RECORDS_FOUND : ResponseCode.SUCCESS));
            }
            case DELETE_RECORDS -> {
                boolean removed = records.removeIf(r -> matches(request, r));
                out.add(code(OpCode.DELETE_RECORDS, removed ? ResponseCode.SUCCESS : ResponseCode.NO_RECORDS_FOUND));
            }
            case REPORT_COUNT ->
                out.add(new Reply(
                        RECORD_ACCESS,
                        PenCodec.encode(new CountResponse(select(request).size()))));
            case ABORT -> out.add(code(OpCode.ABORT, ResponseCode.SUCCESS));
            default -> out.add(code(request.opCode(), ResponseCode.OP_CODE_NOT_SUPPORTED));
        }
        return out;
    }

    private static Reply code(OpCode request, ResponseCode code) {
        return new Reply(RECORD_ACCESS, PenCodec.encode(new CodeResponse(request, code)));
    }

    private List<SessionRecordFrame> select(Request request) {
        return records.stream().filter(r -> matches(request, r)).toList();
    }

    private static boolean matches(Request request, SessionRecordFrame record) {
        return request.operator() == Operator.ALL
                || (request.operator() == Operator.AT_LEAST && record.counter() >= request.counter())
                || (request.operator() == Operator.AT_MOST && record.counter() <= request.counter());
    }
}
