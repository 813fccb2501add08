package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StructuralSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private final StructuralSchema schema;

    StructuralSchemaTest() throws Exception {
        schema =
                new StructuralSchema(
                        json(
                                "{'type':'object','properties':{'spec':{'type':'object','properties':{"
                                    + "'replicas':{'type':'integer','default':1},"
                                    + "'storage':{'type':'object','properties':{'size':{'type':'string','default':'1Gi'}}},"
                                    + "'extra':{'type':'object','x-kubernetes-preserve-unknown-fields':true},"
                                    + "'items':{'type':'array','items':{'type':'object','properties':{'name':{'type':'string'}}}}}}}}"));
    }

    @Test
    void prunesUndeclaredFieldsAndNamesThem() throws Exception {
        ObjectNode object =
                (ObjectNode)
                        json(
                                "{'apiVersion':'v','kind':'K','metadata':{'name':'x'},'top':1,"
                                    + "'spec':{'replicaz':2,'extra':{'any':true},'items':[{'name':'a','nme':'b'}]}}");

        assertThat(schema.prune(object))
                .containsExactly("top", "spec.replicaz", "spec.items[0].nme");
        assertThat(object)
                .isEqualTo(
                        json(
                                "{'apiVersion':'v','kind':'K','metadata':{'name':'x'},"
                                        + "'spec':{'extra':{'any':true},'items':[{'name':'a'}]}}"));
    }

    @Test
    void defaultsOnlyWhereTheParentIsPresent() throws Exception {
        ObjectNode withoutStorage = (ObjectNode) json("{'spec':{}}");
        schema.applyDefaults(withoutStorage);
        assertThat(withoutStorage).isEqualTo(json("{'spec':{'replicas':1}}"));

        ObjectNode withStorage = (ObjectNode) json("{'spec':{'replicas':3,'storage':{}}}");
        schema.applyDefaults(withStorage);
        assertThat(withStorage).isEqualTo(json("{'spec':{'replicas':3,'storage':{'size':'1Gi'}}}"));
    }

    @Test
    void dropsNullsTheSchemaDoesNotAllow() throws Exception {
        ObjectNode object = (ObjectNode) json("{'spec':{'replicas':null}}");

        assertThat(schema.prune(object)).isEmpty();
        schema.applyDefaults(object);
        assertThat(object).isEqualTo(json("{'spec':{'replicas':1}}"));
    }
}
