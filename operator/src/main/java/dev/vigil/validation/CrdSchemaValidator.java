package dev.vigil.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;
import dev.vigil.api.SchemaDefaults;
import java.util.List;

/**
 * Checks a custom resource against the {@code openAPIV3Schema} of its CRD, as bundled in the jar,
 * the way the API server would: enums, required fields, bounds, patterns, types, and unknown fields
 * (strict field validation). Kubernetes extensions ({@code x-kubernetes-*}) carry no check here:
 * CEL rules such as {@code self == oldSelf} need the old object, which an offline check does not
 * have.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CrdSchemaValidator {

    /** The bundled CRD file of MonitoredDatabase. */
    public static final String MONITORED_DATABASE_CRD = "monitoreddatabases.vigil.dev-v1.yml";

    /** The bundled CRD file of AlertPolicy. */
    public static final String ALERT_POLICY_CRD = "alertpolicies.vigil.dev-v1.yml";

    private static final String DIALECT_IRI = "https://vigil.dev/schemas/crd-openapi-v3";

    private final JsonSchema schema;

    private CrdSchemaValidator(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * A validator for the CRD bundled under {@code crdFileName}, e.g. {@link #ALERT_POLICY_CRD}.
     */
    public static CrdSchemaValidator forCrd(String crdFileName) {
        JsonNode strict = StrictFieldSchema.of(SchemaDefaults.openApiSchema(crdFileName));
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder()
                        .regularExpressionFactory(Re2RegularExpressions.INSTANCE)
                        .build();
        return new CrdSchemaValidator(schemaFactory().getSchema(strict, config));
    }

    /**
     * The problems of {@code resource} (a whole object: apiVersion, kind, metadata, spec), in the
     * order the schema finds them; empty when it is valid. A {@code status} is not checked: the API
     * server ignores it outside the status subresource.
     */
    public List<FieldError> validate(JsonNode resource) {
        JsonNode checked = resource;
        if (resource instanceof ObjectNode object && object.has("status")) {
            ObjectNode withoutStatus = object.deepCopy();
            withoutStatus.remove("status");
            checked = withoutStatus;
        }
        return SchemaMessageTranslator.toFieldErrors(schema.validate(checked));
    }

    /**
     * OpenAPI 3.0 schema objects, plus the {@code x-kubernetes-*} extensions read as no check. Any
     * other unknown keyword fails at load time, so a schema typo cannot turn a check off silently.
     */
    private static JsonSchemaFactory schemaFactory() {
        JsonMetaSchema dialect =
                JsonMetaSchema.builder(DIALECT_IRI, OpenApi30.getInstance())
                        .unknownKeywordFactory(
                                (keyword, context) ->
                                        keyword.startsWith("x-kubernetes-")
                                                ? new NonValidationKeyword(keyword)
                                                : DisallowUnknownKeywordFactory.getInstance()
                                                        .getKeyword(keyword, context))
                        .build();
        return JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(DIALECT_IRI));
    }
}
