package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void namedGetOfACustomResourceIsGet() {
        ApiRequest request =
                ApiRequest.parse(
                        "GET",
                        "/apis/vigil.dev/v1alpha1/namespaces/shop/monitoreddatabases/orders");

        assertThat(request.verb()).isEqualTo("get");
        assertThat(request.group()).isEqualTo("vigil.dev");
        assertThat(request.version()).isEqualTo("v1alpha1");
        assertThat(request.namespace()).isEqualTo("shop");
        assertThat(request.resource()).isEqualTo("monitoreddatabases");
        assertThat(request.name()).isEqualTo("orders");
        assertThat(request.subresource()).isNull();
    }

    @Test
    void getWithoutANameIsListAndWithWatchTrueIsWatch() {
        assertThat(ApiRequest.parse("GET", "/api/v1/namespaces/shop/pods?limit=500").verb())
                .isEqualTo("list");
        assertThat(ApiRequest.parse("GET", "/api/v1/pods").verb()).isEqualTo("list");
        ApiRequest watch =
                ApiRequest.parse(
                        "GET",
                        "/api/v1/namespaces/shop/pods?fieldSelector=metadata.name%3Dp&watch=true");
        assertThat(watch.verb()).isEqualTo("watch");
        assertThat(watch.query()).containsEntry("fieldSelector", "metadata.name=p");
        assertThat(ApiRequest.parse("GET", "/api/v1/watch/namespaces/shop/pods").verb())
                .isEqualTo("watch");
    }

    @Test
    void writesMapToTheirRbacVerbs() {
        assertThat(ApiRequest.parse("POST", "/api/v1/namespaces/a/configmaps").verb())
                .isEqualTo("create");
        assertThat(ApiRequest.parse("PUT", "/api/v1/namespaces/a/configmaps/c").verb())
                .isEqualTo("update");
        assertThat(ApiRequest.parse("PATCH", "/api/v1/namespaces/a/configmaps/c").verb())
                .isEqualTo("patch");
        assertThat(ApiRequest.parse("DELETE", "/api/v1/namespaces/a/configmaps/c").verb())
                .isEqualTo("delete");
        assertThat(ApiRequest.parse("DELETE", "/api/v1/namespaces/a/configmaps").verb())
                .isEqualTo("deletecollection");
    }

    @Test
    void statusIsASubresource() {
        ApiRequest request =
                ApiRequest.parse(
                        "PATCH",
                        "/apis/vigil.dev/v1alpha1/namespaces/shop/monitoreddatabases/orders/status");

        assertThat(request.resource()).isEqualTo("monitoreddatabases");
        assertThat(request.subresource()).isEqualTo("status");
        assertThat(request.verb()).isEqualTo("patch");
    }

    @Test
    void aNamespaceIsANamedClusterScopedObjectAndItsStatusASubresource() {
        ApiRequest namespace = ApiRequest.parse("GET", "/api/v1/namespaces/shop");
        assertThat(namespace.resource()).isEqualTo("namespaces");
        assertThat(namespace.name()).isEqualTo("shop");

        ApiRequest status = ApiRequest.parse("PUT", "/api/v1/namespaces/shop/status");
        assertThat(status.resource()).isEqualTo("namespaces");
        assertThat(status.subresource()).isEqualTo("status");

        ApiRequest pods = ApiRequest.parse("GET", "/api/v1/namespaces/shop/pods");
        assertThat(pods.resource()).isEqualTo("pods");
        assertThat(pods.namespace()).isEqualTo("shop");
    }

    @Test
    void discoveryAndVersionAreNotResourceRequests() {
        for (String path :
                new String[] {
                    "/version", "/api", "/api/v1", "/apis", "/apis/apps/v1", "/openapi/v3"
                }) {
            ApiRequest request = ApiRequest.parse("GET", path);
            assertThat(request.resourceRequest()).as(path).isFalse();
            assertThat(request.verb()).isEqualTo("get");
            assertThat(request.resource()).isNull();
        }
    }
}
