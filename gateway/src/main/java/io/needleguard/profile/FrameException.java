package io.needleguard.profile;

/**
 * A pen frame that cannot be decoded. The three kinds are distinct types so a caller can tell a
 * radio glitch (truncated) from a newer pen (unknown version) from a faulty one (out of range).
 */
public abstract sealed class FrameException extends Exception
        permits FrameException.Truncated, FrameException.UnknownVersion, FrameException.OutOfRange {

    private final String frame;

    private FrameException(String frame, String message) {
        super(frame + " frame: " + message);
        this.frame = frame;
    }

    /** Which frame failed: {@code status}, {@code session record}, ... */
    public String frame() {
        return frame;
    }

    /** Fewer bytes than the layout needs. */
    public static final class Truncated extends FrameException {
        public Truncated(String frame, int needed, int got) {
            super(frame, "truncated, " + got + " bytes where at least " + needed + " are needed");
        }
    }

    /** A version byte this gateway does not know: the pen speaks a newer profile. */
    public static final class UnknownVersion extends FrameException {
        private final int version;

        public UnknownVersion(String frame, int version) {
            super(
                    frame,
                    "profile version " + version + " is not supported (this gateway reads version " + PenProfile.VERSION
                            + "); update needleguard");
            this.version = version;
        }

        public int version() {
            return version;
        }
    }

    /** A field outside its documented range. */
    public static final class OutOfRange extends FrameException {
        public OutOfRange(String frame, String field, long value, String allowed) {
            super(frame, field + " " + value + " is out of range (" + allowed + ")");
        }

        public OutOfRange(String frame, String problem) {
            super(frame, problem);
        }
    }
}
