package io.needleguard.pairing;

import java.time.Instant;

/** A device that claimed a paired pen's serial from another address, and was refused. */
public record RefusedDevice(String serial, String address, Instant firstSeen, Instant lastSeen, long times) {}
