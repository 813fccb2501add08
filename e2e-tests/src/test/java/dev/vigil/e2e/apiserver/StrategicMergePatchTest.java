package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void mergesContainersByNameAndTheirEnvByName() throws Exception {
        JsonNode target =
                json(
                        "{'spec':{'containers':[{'name':'db','image':'pg:15','env':[{'name':'A','value':'1'}]},"
                            + "{'name':'exporter','image':'exp:1'}]}}");
        JsonNode patch =
                json(
                        "{'spec':{'$setElementOrder/containers':[{'name':'db'},{'name':'exporter'}],"
                            + "'containers':[{'name':'db','image':'pg:16','env':[{'name':'B','value':'2'}]}]}}");

        assertThat(StrategicMergePatch.apply(target, patch))
                .isEqualTo(
                        json(
                                "{'spec':{'containers':[{'name':'db','image':'pg:16','env':[{'name':'A','value':'1'},"
                                    + "{'name':'B','value':'2'}]},{'name':'exporter','image':'exp:1'}]}}"));
    }

    @Test
    void deletesAListElementByKeyAndReplacesListsWithoutAMergeKey() throws Exception {
        JsonNode target =
                json(
                        "{'spec':{'volumes':[{'name':'a'},{'name':'b'}],'args':['x','y'],'tolerations':[{'key':'k'}]}}");
        JsonNode patch =
                json(
                        "{'spec':{'volumes':[{'name':'a','$patch':'delete'}],'args':['z'],'tolerations':[]}}");

        assertThat(StrategicMergePatch.apply(target, patch))
                .isEqualTo(
                        json("{'spec':{'volumes':[{'name':'b'}],'args':['z'],'tolerations':[]}}"));
    }

    @Test
    void mergesContainerPortsOnContainerPortAndServicePortsOnPort() throws Exception {
        JsonNode service =
                json("{'spec':{'ports':[{'name':'pg','port':5432},{'name':'m','port':9187}]}}");
        JsonNode servicePatch = json("{'spec':{'ports':[{'port':9187,'name':'metrics'}]}}");
        assertThat(StrategicMergePatch.apply(service, servicePatch).path("spec").path("ports"))
                .isEqualTo(json("[{'name':'pg','port':5432},{'name':'metrics','port':9187}]"));

        JsonNode container = json("{'ports':[{'containerPort':5432,'name':'pg'}]}");
        JsonNode containerPatch = json("{'ports':[{'containerPort':9187,'name':'metrics'}]}");
        assertThat(StrategicMergePatch.apply(container, containerPatch).path("ports")).hasSize(2);
    }

    @Test
    void honoursReplaceRetainKeysNullsAndPrimitiveListDeletes() throws Exception {
        JsonNode target =
                json(
                        "{'metadata':{'finalizers':['a','b'],'labels':{'x':'1','y':'2'}},"
                            + "'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}},"
                            + "'selector':{'matchLabels':{'app':'a','old':'o'}}}}");
        JsonNode patch =
                json(
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a'],'labels':{'y':null}},"
                            + "'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'},"
                            + "'selector':{'$patch':'replace','matchLabels':{'app':'b'}}}}");

        assertThat(StrategicMergePatch.apply(target, patch))
                .isEqualTo(
                        json(
                                "{'metadata':{'finalizers':['b'],'labels':{'x':'1'}},"
                                    + "'spec':{'strategy':{'type':'Recreate'},'selector':{'matchLabels':{'app':'b'}}}}"));
    }

    @Test
    void finalizersAreMergedAsASet() throws Exception {
        JsonNode target = json("{'metadata':{'finalizers':['a']}}");
        JsonNode patch = json("{'metadata':{'finalizers':['a','b']}}");

        assertThat(StrategicMergePatch.apply(target, patch).path("metadata").path("finalizers"))
                .isEqualTo(json("['a','b']"));
    }
}
