package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The reading of docs/operations.md's permissions table, on which the RBAC test relies. */
class PermissionsTableTest {

    @Test
    void readsGroupsSubresourcesAndSharedGroups() {
        String markdown =
                """
                ## What the operator needs from the API server

                | resources | verbs | why |
                |---|---|---|
                | `monitoreddatabases.vigil.dev/status` | patch | status |
                | `statefulsets.apps`, `services` | get, list | objects |
                | `servicemonitors`, `podmonitors` (`monitoring.coreos.com`) | delete | monitoring |

                Text after the table.
                """;

        assertThat(PermissionsTable.parse(markdown))
                .containsExactlyInAnyOrder(
                        new Permission("vigil.dev", "monitoreddatabases/status", "patch"),
                        new Permission("apps", "statefulsets", "get"),
                        new Permission("apps", "statefulsets", "list"),
                        new Permission("", "services", "get"),
                        new Permission("", "services", "list"),
                        new Permission("monitoring.coreos.com", "servicemonitors", "delete"),
                        new Permission("monitoring.coreos.com", "podmonitors", "delete"));
    }

    @Test
    void theDocumentedTableHasEveryRow() throws IOException {
        assertThat(PermissionsTable.read())
                .contains(
                        new Permission("vigil.dev", "monitoreddatabases", "watch"),
                        new Permission("", "pods", "patch"),
                        new Permission("", "events", "create"),
                        new Permission("apiextensions.k8s.io", "customresourcedefinitions", "list"),
                        new Permission("coordination.k8s.io", "leases", "update"),
                        new Permission("coordination.k8s.io", "leases", "patch"))
                .doesNotContain(new Permission("", "secrets", "patch"));
    }
}
