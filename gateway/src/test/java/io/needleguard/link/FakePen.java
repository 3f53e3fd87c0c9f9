package io.needleguard.link;

import static io.needleguard.profile.PenProfile.AREA;
import static io.needleguard.profile.PenProfile.BATTERY_LEVEL;
import static io.needleguard.profile.PenProfile.FIRMWARE_REVISION;
import static io.needleguard.profile.PenProfile.MODEL_NUMBER;
import static io.needleguard.profile.PenProfile.RECORD_ACCESS;
import static io.needleguard.profile.PenProfile.SERIAL_NUMBER;
import static io.needleguard.profile.PenProfile.SESSION_RECORD;
import static io.needleguard.profile.PenProfile.TIME_SYNC;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleException;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.PenProfile;
import io.needleguard.profile.RecordAccess.CodeResponse;
import io.needleguard.profile.RecordAccess.CountResponse;
import io.needleguard.profile.RecordAccess.OpCode;
import io.needleguard.profile.RecordAccess.Operator;
import io.needleguard.profile.RecordAccess.Request;
import io.needleguard.profile.RecordAccess.ResponseCode;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A scripted pen for the link tests: Device Information, Battery, Time Sync, Area and the record
 * access control point, encoded with the pen profile codec. What the gateway writes is logged in
 * {@code events}, shared with the test's listener so that the order of "stored" and "delete" shows. Public for
 * the gateway's tests of what its listeners hear.
 */
public final class FakePen {

    final String serial;
    final String advertisedName;
    final String address;
    private final List<String> events;
    private final TreeMap<Long, SessionRecordFrame> memory = new TreeMap<>();
    volatile Instant clockSetTo;
    volatile Area area = Area.UNSPECIFIED;

    public FakePen(String serial, String advertisedName, String address, List<String> events) {
        this.serial = serial;
        this.advertisedName = advertisedName;
        this.address = address;
        this.events = events;
    }

    Advertisement advertisement() {
        return new Advertisement(address, advertisedName, -60, Set.of(PenProfile.SERVICE));
    }

    /** A session the pen finished and keeps until the gateway lets it delete it. */
    public synchronized SessionRecordFrame record(long counter) {
        Instant start = Instant.parse("2026-01-05T19:00:00Z").plusSeconds(counter * 86_400);
        SessionRecordFrame record = new SessionRecordFrame(
                counter, start, start.plusSeconds(600), Depth.ofMm("0.25"), 120, Area.CHEEKS, "C-" + counter);
        memory.put(counter, record);
        return record;
    }

    public synchronized List<Long> kept() {
        return List.copyOf(memory.keySet());
    }

    byte[] read(UUID characteristic) throws BleException {
        if (SERIAL_NUMBER.equals(characteristic)) {
            return serial.getBytes(StandardCharsets.UTF_8);
        }
        if (MODEL_NUMBER.equals(characteristic)) {
            return "fake-1".getBytes(StandardCharsets.UTF_8);
        }
        if (FIRMWARE_REVISION.equals(characteristic)) {
            return "1.2.3".getBytes(StandardCharsets.UTF_8);
        }
        if (BATTERY_LEVEL.equals(characteristic)) {
            return new byte[] {77};
        }
        throw new BleException("read not permitted: " + characteristic);
    }

    /** Handles a write; returns the notifications it causes, as (characteristic, value) pairs. */
    synchronized List<Notification> write(UUID characteristic, byte[] value) throws BleException {
        try {
            if (TIME_SYNC.equals(characteristic)) {
                clockSetTo = PenCodec.decodeTimeSync(value);
                events.add(serial + " clock set");
                return List.of();
            }
            if (AREA.equals(characteristic)) {
                area = PenCodec.decodeArea(value);
                events.add(serial + " area " + area.id());
                return List.of();
            }
            if (RECORD_ACCESS.equals(characteristic)) {
                return recordAccess(PenCodec.decodeRequest(value));
            }
        } catch (FrameException e) {
            throw new BleException("invalid value: " + e.getMessage());
        }
        throw new BleException("write not permitted: " + characteristic);
    }

    /** Each record notified, oldest first, then the response that ends the report. */
    private static void report(List<SessionRecordFrame> selected, List<Notification> out) {
        selected.forEach(r -> out.add(new Notification(SESSION_RECORD, PenCodec.encode(r))));
        out.add(new Notification(
                RECORD_ACCESS,
                PenCodec.encode(new CodeResponse(
                        OpCode.REPORT_RECORDS,
                        selected.isEmpty() ? ResponseCode.NO_RECORDS_FOUND : ResponseCode.SUCCESS))));
    }

    private List<Notification> recordAccess(Request request) {
        List<Notification> out = new ArrayList<>();
        if (request.opCode() == OpCode.REPORT_RECORDS && request.operator() == Operator.ALL) {
            events.add(serial + " report all");
            report(List.copyOf(memory.values()), out);
        } else if (request.opCode() == OpCode.REPORT_COUNT && request.operator() == Operator.ALL) {
            events.add(serial + " count all");
            out.add(new Notification(RECORD_ACCESS, PenCodec.encode(new CountResponse(memory.size()))));
        } else if (request.opCode() == OpCode.DELETE_RECORDS && request.operator() == Operator.AT_MOST) {
            events.add(serial + " delete up to " + request.counter());
            memory.headMap(request.counter(), true).clear();
            out.add(new Notification(
                    RECORD_ACCESS, PenCodec.encode(new CodeResponse(OpCode.DELETE_RECORDS, ResponseCode.SUCCESS))));
        } else {
            out.add(new Notification(
                    RECORD_ACCESS,
                    PenCodec.encode(new CodeResponse(request.opCode(), ResponseCode.OP_CODE_NOT_SUPPORTED))));
        }
        return out;
    }

    record Notification(UUID characteristic, byte[] value) {}
}
