package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which objects of a resource a list or watch request asks for: its {@code labelSelector}, its
 * {@code fieldSelector}, and the name when the path names one object.
 */
record Selection(LabelSelector labels, FieldSelector fields) {

    /** The selection of a request. */
    static Selection of(ApiRequest request) {
        FieldSelector fields;
        try {
            fields = FieldSelector.parse(request.query().get("fieldSelector"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (request.name() != null) {
            fields = fields.and(FieldSelector.name(request.name()));
        }
        return new Selection(LabelSelector.parse(request.query().get("labelSelector")), fields);
    }

    boolean matches(JsonNode object) {
        return labels.matches(object) && fields.matches(object);
    }
}
