package io.needleguard.link;

/** What a pen says about itself in the Device Information service. */
public record PenIdentity(String serial, String model, String firmware, String address) {
}
