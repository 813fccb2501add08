package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful answer: HTTP status, JSON body, and warnings for the client (sent as {@code Warning:
 * 299} headers, which kubectl prints).
 */
record ApiAnswer(int code, JsonNode body, List<String> warnings) {

    static ApiAnswer ok(JsonNode body) {
        return new ApiAnswer(200, body, List.of());
    }

    static ApiAnswer created(JsonNode body, List<String> warnings) {
        return new ApiAnswer(201, body, warnings);
    }
}
