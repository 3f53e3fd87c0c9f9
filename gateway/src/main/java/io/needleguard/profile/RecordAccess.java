package io.needleguard.profile;

/**
 * Record Access Control Point: how the gateway fetches and deletes the session records a pen kept
 * while out of range. Modelled on the Bluetooth Glucose Profile's RACP (op codes, operators, response
 * codes), carrying 32-bit session counters as operands.
 */
public final class RecordAccess {

    private RecordAccess() {}

    public enum OpCode {
        REPORT_RECORDS(0x01),
        DELETE_RECORDS(0x02),
        ABORT(0x03),
        REPORT_COUNT(0x04),
        COUNT_RESPONSE(0x05),
        RESPONSE_CODE(0x06);

        final int code;

        OpCode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** A request op code (1 to 4), if {@code code} is one. */
        public static java.util.Optional<OpCode> of(int code) {
            for (OpCode op : values()) {
                if (op.code == code) {
                    return java.util.Optional.of(op);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public enum Operator {
        NULL(0x00),
        ALL(0x01),
        AT_MOST(0x02),
        AT_LEAST(0x03);

        final int code;

        Operator(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Operator of(int code) {
            for (Operator op : values()) {
                if (op.code == code) {
                    return op;
                }
            }
            return null;
        }
    }

    public enum ResponseCode {
        SUCCESS(0x01),
        OP_CODE_NOT_SUPPORTED(0x02),
        INVALID_OPERATOR(0x03),
        OPERATOR_NOT_SUPPORTED(0x04),
        INVALID_OPERAND(0x05),
        NO_RECORDS_FOUND(0x06),
        ABORT_UNSUCCESSFUL(0x07),
        PROCEDURE_NOT_COMPLETED(0x08);

        final int code;

        ResponseCode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static ResponseCode of(int code) {
            for (ResponseCode rc : values()) {
                if (rc.code == code) {
                    return rc;
                }
            }
            return null;
        }
    }

    /**
     * A request the gateway writes. {@code counter} is the operand for {@link Operator#AT_MOST} and
     * {@link Operator#AT_LEAST}, and ignored otherwise.
     */
    public record Request(OpCode opCode, Operator operator, long counter) {

        public static Request reportFrom(long counter) {
            return new Request(OpCode.REPORT_RECORDS, Operator.AT_LEAST, counter);
        }

        public static Request reportAll() {
            return new Request(OpCode.REPORT_RECORDS, Operator.ALL, 0);
        }

        public static Request deleteUpTo(long counter) {
            return new Request(OpCode.DELETE_RECORDS, Operator.AT_MOST, counter);
        }

        public static Request countFrom(long counter) {
            return new Request(OpCode.REPORT_COUNT, Operator.AT_LEAST, counter);
        }

        public static Request countAll() {
            return new Request(OpCode.REPORT_COUNT, Operator.ALL, 0);
        }

        public static Request abort() {
            return new Request(OpCode.ABORT, Operator.NULL, 0);
        }

        boolean hasOperand() {
            return operator == Operator.AT_MOST || operator == Operator.AT_LEAST;
        }
    }

    /** What the pen indicates back. */
    public sealed interface Response permits CountResponse, CodeResponse {}

    /** The answer to {@link OpCode#REPORT_COUNT}. */
    public record CountResponse(long count) implements Response {}

    /** The end of any other procedure: which request it answers and how it went. */
    public record CodeResponse(OpCode request, ResponseCode code) implements Response {}
}
