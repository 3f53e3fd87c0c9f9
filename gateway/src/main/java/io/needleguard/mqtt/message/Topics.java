package io.needleguard.mqtt.message;

import io.needleguard.session.Session;

/** The topic names, all under a configurable root. See src/docs/mqtt.md. */
public final class Topics {

    private final String root;

    public Topics(String root) {
        this.root = root;
    }

    /** The gateway's availability: {@code online}, or {@code offline} (also its Last Will). */
    public String status() {
        return root + "/status";
    }

    /** The gateway's own state, such as how many messages wait in the outbox. */
    public String gateway() {
        return root + "/gateway";
    }

    /** A pen's live state, retained. */
    public String state(String pen) {
        return root + "/" + level(pen) + "/state";
    }

    public String session(String pen) {
        return root + "/" + level(pen) + "/session";
    }

    public String alert(String pen) {
        return root + "/" + level(pen) + "/alert";
    }

    /** Where a session goes: under its pen, or, for a session logged by hand (no pen), under its owner. */
    public String session(Session session) {
        return session(session.pen().orElse(session.owner()));
    }

    /** Where a session's findings go: beside the session. */
    public String alert(Session session) {
        return alert(session.pen().orElse(session.owner()));
    }

    /** An owner's next safe times per area; retained, so a dashboard shows them at once. */
    public String nextSafe(String owner) {
        return root + "/" + level(owner) + "/next-safe";
    }

    /** An owner's latest open alert (or none); retained, so it is known after a Home Assistant restart. */
    public String latestAlert(String owner) {
        return root + "/" + level(owner) + "/latest-alert";
    }

    /** Commands choosing a pen's area, for every pen: {@code <root>/+/area/set}. */
    public String areaCommands() {
        return root + "/+/area/set";
    }

    public String areaCommand(String pen) {
        return root + "/" + level(pen) + "/area/set";
    }

    /** Commands choosing who a pen's next session is for, for every pen: {@code <root>/+/person/set}. */
    public String personCommands() {
        return root + "/+/person/set";
    }

    public String personCommand(String pen) {
        return root + "/" + level(pen) + "/person/set";
    }

    /** Who a pen's next session is for (a person id), retained: the one it is lent to, else its owner. */
    public String person(String pen) {
        return root + "/" + level(pen) + "/person";
    }

    /** Commands logging a session by hand, for every person: {@code <root>/+/log}. */
    public String logCommands() {
        return root + "/+/log";
    }

    public String logCommand(String owner) {
        return root + "/" + level(owner) + "/log";
    }

    /**
     * The command giving a stored session to another person ({@code needleguard history assign}):
     * {@code <root>/session/assign}, JSON {@code {"session": "PEN-1:12", "owner": "sam"}}.
     */
    public String sessionAssign() {
        return root + "/session/assign";
    }

    /** Where a refused session command is answered: {@code <root>/session/error}. */
    public String sessionError() {
        return root + "/session/error";
    }

    /** Where a command that could not be carried out is answered: under the pen or person it was for. */
    public String error(String penOrOwner) {
        return root + "/" + level(penOrOwner) + "/error";
    }

    /** The pen's topic level in a command topic, or empty if the topic is not a command of this root. */
    public java.util.Optional<String> penOfAreaCommand(String topic) {
        return levelOf(topic, "/area/set");
    }

    /** The pen's topic level in a person command topic, or empty if the topic is not one of this root. */
    public java.util.Optional<String> penOfPersonCommand(String topic) {
        return levelOf(topic, "/person/set");
    }

    /** The person's topic level in a log command topic, or empty if the topic is not one of this root. */
    public java.util.Optional<String> ownerOfLogCommand(String topic) {
        return levelOf(topic, "/log");
    }

    private java.util.Optional<String> levelOf(String topic, String suffix) {
        String prefix = root + "/";
        if (!topic.startsWith(prefix)
                || !topic.endsWith(suffix)
                || topic.length() <= prefix.length() + suffix.length()) {
            return java.util.Optional.empty();
        }
        String level = topic.substring(prefix.length(), topic.length() - suffix.length());
        return level.contains("/") ? java.util.Optional.empty() : java.util.Optional.of(level);
    }

    /** Everything needleguard publishes, for a subscriber. */
    public String all() {
        return root + "/#";
    }

    /**
     * A pen serial as one topic level: wildcards, the level separator and control characters would
     * change the topic's meaning or make it invalid, so they become {@code _}.
     */
    public static String level(String value) {
        StringBuilder level = new StringBuilder(value.length());
        value.codePoints()
                .forEach(c ->
                        level.appendCodePoint(c == '+' || c == '#' || c == '/' || c < 0x20 || c == 0x7f ? '_' : c));
        return level.toString();
    }
}
