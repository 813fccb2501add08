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
import java.math.BigInteger;
import java.util.ArrayList;
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

    /** Why an integer beyond 64 bits is refused. */
    public static final String BEYOND_INT64 =
            "is out of range: the API server holds integers of 64 bits, from -9223372036854775808"
                    + " to 9223372036854775807";

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

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
        List<FieldError> errors =
                new ArrayList<>(SchemaMessageTranslator.toFieldErrors(schema.validate(checked)));
        beyondInt64(checked, "", errors);
        return List.copyOf(errors);
    }

    /**
     * The API server reads integers into 64 bits and refuses a request with a larger one; the JSON
     * schema knows no such bound ({@code cpu: 9223372036854775808} passed).
     */
    private static void beyondInt64(JsonNode node, String field, List<FieldError> errors) {
        if (node.isBigInteger()
                && (node.bigIntegerValue().compareTo(INT64_MIN) < 0
                        || node.bigIntegerValue().compareTo(INT64_MAX) > 0)) {
            errors.add(new FieldError(field, BEYOND_INT64));
        } else if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            entry ->
                                    beyondInt64(
                                            entry.getValue(),
                                            field.isEmpty()
                                                    ? entry.getKey()
                                                    : field + "." + entry.getKey(),
                                            errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                beyondInt64(node.get(i), field + "[" + i + "]", errors);
            }
        }
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
