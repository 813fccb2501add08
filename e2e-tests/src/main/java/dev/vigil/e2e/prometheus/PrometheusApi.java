package dev.vigil.e2e.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client of Prometheus's HTTP API ({@code /api/v1}) and its lifecycle endpoints, for tests
 * and scenarios that check what a real Prometheus sees: targets, query results, alerts and loaded
 * rules.
 */
public final class PrometheusApi {

    /**
     * A target Prometheus scrapes, from {@code /api/v1/targets}.
     *
     * @param labels the target's labels after relabeling ({@code job}, {@code instance}, {@code
     *     namespace}, ...)
     * @param scrapePool the job it belongs to
     * @param scrapeUrl the URL it scrapes
     * @param health {@code up}, {@code down} or {@code unknown} (not scraped yet)
     * @param lastError the last scrape's error, empty when it succeeded
     */
    public record Target(
            Map<String, String> labels,
            String scrapePool,
            String scrapeUrl,
            String health,
            String lastError) {

        public boolean isUp() {
            return "up".equals(health);
        }
    }

    /**
     * One element of an instant query's result: a series with its value, or a scalar (no labels).
     */
    public record Sample(Map<String, String> labels, double value, Instant timestamp) {}

    /**
     * An active alert, from {@code /api/v1/alerts}.
     *
     * @param state {@code pending} (its {@code for} not yet elapsed) or {@code firing}
     */
    public record Alert(
            Map<String, String> labels,
            Map<String, String> annotations,
            String state,
            String activeAt,
            String value) {

        public String name() {
            return labels.get("alertname");
        }
    }

    /**
     * A rule group Prometheus loaded, from {@code /api/v1/rules}.
     *
     * @param file the rule file it was read from
     */
    public record RuleGroup(String name, String file, List<Rule> rules) {}

    /**
     * A loaded rule.
     *
     * @param type {@code alerting} or {@code recording}
     * @param health {@code ok}, {@code err} or {@code unknown} (not evaluated yet)
     * @param state for an alerting rule, {@code inactive}, {@code pending} or {@code firing}
     */
    public record Rule(
            String name,
            String query,
            String type,
            String health,
            String state,
            String lastError) {}

    /** An error answer of the API, such as a query that does not parse. */
    public static final class PrometheusApiException extends RuntimeException {
        public PrometheusApiException(String message) {
            super(message);
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A client of the Prometheus at {@code base} (such as {@code http://127.0.0.1:9090/}). */
    public PrometheusApi(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    /** Whether Prometheus answers {@code /-/ready} with 200: started and serving queries. */
    public boolean isReady() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("-/ready")).GET()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Waits until Prometheus is ready.
     *
     * @throws IllegalStateException when it is not ready within {@code timeout}
     */
    public void waitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!isReady()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Prometheus at " + base + " not ready within " + timeout);
            }
            pause();
        }
    }

    /** The targets Prometheus scrapes (those relabeling kept). */
    public List<Target> activeTargets() {
        List<Target> targets = new ArrayList<>();
        for (JsonNode target : get("api/v1/targets?state=active").path("activeTargets")) {
            targets.add(
                    new Target(
                            strings(target.path("labels")),
                            target.path("scrapePool").asText(),
                            target.path("scrapeUrl").asText(),
                            target.path("health").asText(),
                            target.path("lastError").asText()));
        }
        return targets;
    }

    /**
     * The result of the instant query {@code promql} now: the series of a vector, or one sample
     * without labels for a scalar.
     *
     * @throws PrometheusApiException when Prometheus refuses the query, or it yields a range vector
     *     or a string
     */
    public List<Sample> query(String promql) {
        JsonNode data =
                get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        String type = data.path("resultType").asText();
        List<Sample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                for (JsonNode series : data.path("result")) {
                    samples.add(sample(strings(series.path("metric")), series.path("value")));
                }
            }
            case "scalar" -> samples.add(sample(Map.of(), data.path("result")));
            default ->
                    throw new PrometheusApiException(
                            "query " + promql + " yields a " + type + ", not an instant vector");
        }
        return samples;
    }

    /** The alerts that are pending or firing. */
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode alert : get("api/v1/alerts").path("alerts")) {
            alerts.add(
                    new Alert(
                            strings(alert.path("labels")),
                            strings(alert.path("annotations")),
                            alert.path("state").asText(),
                            alert.path("activeAt").asText(),
                            alert.path("value").asText()));
        }
        return alerts;
    }

    /** The rule groups Prometheus has loaded. */
    public List<RuleGroup> ruleGroups() {
        List<RuleGroup> groups = new ArrayList<>();
        for (JsonNode group : get("api/v1/rules").path("groups")) {
            List<Rule> rules = new ArrayList<>();
            for (JsonNode rule : group.path("rules")) {
                rules.add(
                        new Rule(
                                rule.path("name").asText(),
                                rule.path("query").asText(),
                                rule.path("type").asText(),
                                rule.path("health").asText(),
                                rule.path("state").asText(),
                                rule.path("lastError").asText()));
            }
            groups.add(
                    new RuleGroup(group.path("name").asText(), group.path("file").asText(), rules));
        }
        return groups;
    }

    /**
     * Asks Prometheus to load its configuration and rule files again ({@code POST /-/reload}, needs
     * {@code --web.enable-lifecycle}).
     *
     * @throws IOException when Prometheus cannot be reached or refuses the new configuration
     */
    public void reload() throws IOException {
        HttpResponse<String> response;
        try {
            response =
                    send(
                            HttpRequest.newBuilder(base.resolve("-/reload"))
                                    .POST(HttpRequest.BodyPublishers.noBody()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    "Prometheus refused to reload (HTTP "
                            + response.statusCode()
                            + "): "
                            + response.body().strip());
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).GET());
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new PrometheusApiException(
                    path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new PrometheusApiException(
                    path
                            + " answered "
                            + body.path("errorType").asText()
                            + ": "
                            + body.path("error").asText());
        }
        return body.path("data");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Prometheus at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Prometheus", e);
        }
    }

    /** A {@code [timestamp, "value"]} pair; values are strings so NaN and Inf survive JSON. */
    private static Sample sample(Map<String, String> labels, JsonNode pair) {
        double seconds = pair.get(0).asDouble();
        String value = pair.get(1).asText();
        return new Sample(
                labels,
                switch (value) {
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    case "NaN" -> Double.NaN;
                    default -> Double.parseDouble(value);
                },
                Instant.ofEpochMilli(Math.round(seconds * 1000)));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), field.getValue().asText());
        }
        return Map.copyOf(map);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Prometheus", e);
        }
    }
}
