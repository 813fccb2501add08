package dev.vigil.rollout.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.OptionalDouble;

/** Reads the value out of an answer of Prometheus' {@code /api/v1/query}, as documented. */
final class PrometheusQueryResponse {

    private PrometheusQueryResponse() {}

    /**
     * @param base the Prometheus asked, for messages
     * @param statusCode the HTTP status
     * @param body the JSON answer
     */
    static OptionalDouble value(String base, int statusCode, String body)
            throws PrometheusQueryException {
        JsonNode answer;
        try {
            answer = Serialization.jsonMapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new PrometheusQueryException(
                    "Prometheus at " + base + " answered HTTP " + statusCode + " without JSON", e);
        }
        if (answer == null || !"success".equals(answer.path("status").asText())) {
            String error =
                    answer == null
                            ? "no answer"
                            : answer.path("errorType").asText("error")
                                    + ": "
                                    + answer.path("error").asText("");
            throw new PrometheusQueryException(
                    "Prometheus at "
                            + base
                            + " refused the query (HTTP "
                            + statusCode
                            + "): "
                            + error);
        }
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> OptionalDouble.of(number(base, result));
            case "vector" ->
                    result.isEmpty()
                            ? OptionalDouble.empty()
                            : OptionalDouble.of(number(base, result.get(0).path("value")));
            default ->
                    throw new PrometheusQueryException(
                            "the query returns a "
                                    + (type.isEmpty() ? "result of no type" : type)
                                    + "; an analysis needs a scalar or an instant vector");
        };
    }

    /** A {@code [timestamp, "value"]} pair's value; Prometheus writes infinities as ±Inf. */
    private static double number(String base, JsonNode sample) throws PrometheusQueryException {
        String text = sample.path(1).asText(null);
        if (text == null) {
            throw new PrometheusQueryException(
                    "Prometheus at " + base + " sent a sample without a value: " + sample);
        }
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new PrometheusQueryException(
                            "Prometheus at " + base + " sent a value that is not a number: " + text,
                            e);
                }
            }
        };
    }
}
