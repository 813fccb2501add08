package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request as the API server's handler chain does: non-resource paths (version,
 * discovery, OpenAPI, health) to their documents, resource paths to reads, watches and checked
 * writes, errors to a {@code Status}; and records every request in the {@link ApiCallLog}.
 */
final class ApiDispatcher extends Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final ResourceCatalog catalog;
    private final DiscoveryDocuments discovery;
    private final OpenApiDocuments openApi;
    private final ObjectReads reads;
    private final ObjectWrites writes;
    private final ApiCallLog calls;
    private final Clock clock;

    ApiDispatcher(
            ResourceCatalog catalog,
            DiscoveryDocuments discovery,
            OpenApiDocuments openApi,
            ObjectReads reads,
            ObjectWrites writes,
            ApiCallLog calls,
            Clock clock) {
        this.catalog = catalog;
        this.discovery = discovery;
        this.openApi = openApi;
        this.reads = reads;
        this.writes = writes;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ApiRequest api = ApiRequest.parse(request.getMethod(), request.getPath());
        MockResponse response;
        try {
            response = route(api, request);
        } catch (ApiError e) {
            response = json(e.code(), e.status());
        } catch (RuntimeException e) {
            LOG.warn("internal error answering {} {}", request.getMethod(), request.getPath(), e);
            response =
                    json(
                            500,
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("kind", "Status")
                                    .put("apiVersion", "v1")
                                    .put("status", "Failure")
                                    .put("message", "Internal error: " + e)
                                    .put("reason", "InternalError")
                                    .put("code", 500));
        }
        String userAgent = request.getHeader("User-Agent");
        calls.record(
                new ApiCall(
                        clock.instant(),
                        api.method(),
                        request.getPath(),
                        api.verb(),
                        api.group(),
                        api.version(),
                        api.resource(),
                        api.subresource(),
                        api.namespace(),
                        api.name(),
                        userAgent == null ? "" : userAgent,
                        response.getWebSocketListener() != null ? 200 : response.code()));
        return response;
    }

    private MockResponse route(ApiRequest api, RecordedRequest request) {
        String accept = request.getHeader("Accept");
        if (!api.resourceRequest()) {
            return nonResource(api, accept);
        }
        ResourceType type =
                catalog.find(api.group(), api.version(), api.resource())
                        .orElseThrow(ApiError::unknownResource);
        if (api.subresource() != null
                && !(api.subresource().equals("status") && type.statusSubresource())) {
            throw ApiError.unknownResource();
        }
        if (!type.namespaced() && api.namespace() != null && !type.plural().equals("namespaces")) {
            throw ApiError.unknownResource();
        }
        if (type.namespaced() && api.name() != null && api.namespace() == null) {
            throw ApiError.unknownResource();
        }
        return switch (api.verb()) {
            case "get" -> answer(reads.get(type, api, accept));
            case "list" -> answer(reads.list(type, api, accept));
            case "watch" -> reads.watch(type, api, accept);
            case "create" -> {
                if (api.subresource() != null) {
                    throw ApiError.methodNotAllowed(
                            "the server does not allow this method on the requested resource");
                }
                yield answer(writes.create(type, api, body(request)));
            }
            case "update" -> answer(writes.update(type, api, body(request)));
            case "patch" ->
                    answer(
                            writes.patch(
                                    type, api, request.getHeader("Content-Type"), body(request)));
            case "delete" -> answer(writes.delete(type, api, optionalBody(request)));
            case "deletecollection" ->
                    answer(writes.deleteCollection(type, api, optionalBody(request)));
            default ->
                    throw ApiError.methodNotAllowed(
                            "the server does not allow this method on the requested resource");
        };
    }

    private MockResponse nonResource(ApiRequest api, String accept) {
        String path = api.path();
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return new MockResponse()
                    .setResponseCode(200)
                    .setHeader("Content-Type", "text/plain")
                    .setBody("ok");
        }
        Optional<DiscoveryDocuments.Document> document = discovery.answer(path, accept);
        if (document.isEmpty()) {
            document = openApi.answer(path);
        }
        if (document.isPresent()) {
            return json(200, document.get().body())
                    .setHeader("Content-Type", document.get().contentType());
        }
        return new MockResponse()
                .setResponseCode(404)
                .setHeader("Content-Type", "text/plain; charset=utf-8")
                .setBody("404 page not found\n");
    }

    private static MockResponse answer(ApiAnswer answer) {
        MockResponse response = json(answer.code(), answer.body());
        for (String warning : answer.warnings()) {
            response.addHeader("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
        }
        return response;
    }

    private static MockResponse json(int code, JsonNode body) {
        try {
            return new MockResponse()
                    .setResponseCode(code)
                    .setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(RecordedRequest request) {
        JsonNode body = optionalBody(request);
        if (body.isMissingNode()) {
            throw ApiError.badRequest("the request has no body");
        }
        return body;
    }

    private static JsonNode optionalBody(RecordedRequest request) {
        if (request.getBody() == null || request.getBody().size() == 0) {
            return MissingNode.getInstance();
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            return ProtobufBodies.decode(request.getBody().getBytes());
        }
        String text = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        try {
            ObjectMapper mapper =
                    contentType != null && contentType.contains("yaml")
                            ? Serialization.yamlMapper()
                            : JSON;
            return mapper.readTree(text);
        } catch (IOException e) {
            throw ApiError.badRequest(
                    "the body of the request could not be decoded: " + e.getMessage());
        }
    }
}
