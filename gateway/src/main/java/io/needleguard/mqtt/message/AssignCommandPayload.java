package io.needleguard.mqtt.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.json.SessionJson;
import io.needleguard.session.SessionId;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.io.IOException;

/**
 * The payload of {@code <root>/session/assign}: JSON {@code {"session": "PEN-1:12", "owner": "sam"}}.
 *
 * @param session the session to give
 * @param owner   the id of the person to give it to (the recorder checks they are in the household)
 */
public record AssignCommandPayload(SessionId session, String owner) {

    private static final String EXAMPLE = "; send {\"session\": \"PEN-1:12\", \"owner\": \"sam\"}";

    /** @throws InvalidInputException naming what is wrong and the fix */
    public static AssignCommandPayload read(byte[] bytes) {
        JsonNode json;
        try {
            json = SessionJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidInputException("the command is not JSON" + EXAMPLE);
        }
        String session = text(json, "session");
        String owner = text(json, "owner");
        if (session.isEmpty() || owner.isEmpty()) {
            throw new InvalidInputException("give both \"session\" and \"owner\"" + EXAMPLE);
        }
        try {
            return new AssignCommandPayload(SessionId.parse(session), owner);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Quote.of(session) + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value != null && value.isTextual() ? value.asText().strip() : "";
    }
}
