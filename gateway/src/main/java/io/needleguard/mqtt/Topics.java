package io.needleguard.mqtt;

/** The topic names, all under a configurable root. See src/docs/mqtt.md. */
public final class Topics {

    private final String root;

    public Topics(String root) {
        this.root = root;
    }

    public String session(String pen) {
        return root + "/" + level(pen) + "/session";
    }

    public String alert(String pen) {
        return root + "/" + level(pen) + "/alert";
    }

    /** An owner's next safe times per area; retained, so a dashboard shows them at once. */
    public String nextSafe(String owner) {
        return root + "/" + level(owner) + "/next-safe";
    }

    /** Everything needleguard publishes, for a subscriber. */
    public String all() {
        return root + "/#";
    }

    /**
     * A pen serial as one topic level: wildcards, the level separator and control characters would
     * change the topic's meaning or make it invalid, so they become {@code _}.
     */
    static String level(String value) {
        StringBuilder level = new StringBuilder(value.length());
        value.codePoints().forEach(c -> level.appendCodePoint(c == '+' || c == '#' || c == '/' || c < 0x20 || c == 0x7f ? '_' : c));
        return level.toString();
    }
}
