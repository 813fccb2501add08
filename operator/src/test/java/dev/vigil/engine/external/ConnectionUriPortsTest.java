package dev.vigil.engine.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.Engine;
import org.junit.jupiter.api.Test;

class ConnectionUriPortsTest {

    @Test
    void aMongoSeedListGivesEveryHostsPortAndTheDefaultForAHostWithout() {
        assertThat(
                        ConnectionUriPorts.of(
                                "mongodb://db-0.example.com:27018,db-1.example.com,[fd00::1]:27019"
                                        + "/admin?replicaSet=rs0&tls=true",
                                Engine.MongoDB))
                .containsExactly(27017, 27018, 27019);
    }

    @Test
    void userInformationAndQueryAreSkipped() {
        assertThat(
                        ConnectionUriPorts.of(
                                "mongodb://user:p%40ss@db.example.com:2000/?authSource=admin",
                                Engine.MongoDB))
                .containsExactly(2000);
        assertThat(ConnectionUriPorts.of("db.example.com?sslmode=require", Engine.PostgreSQL))
                .containsExactly(5432);
    }

    @Test
    void anSrvUriHasNoKnownPorts() {
        assertThat(ConnectionUriPorts.of("mongodb+srv://cluster0.example.net/", Engine.MongoDB))
                .isEmpty();
    }

    @Test
    void postgresDataSourceUrisWithOrWithoutAScheme() {
        assertThat(
                        ConnectionUriPorts.of(
                                "pg-primary.example.com:6432/ledger?sslmode=verify-full",
                                Engine.PostgreSQL))
                .containsExactly(6432);
        assertThat(
                        ConnectionUriPorts.of(
                                "postgresql://a.example.com:5433,b.example.com/ledger",
                                Engine.PostgreSQL))
                .containsExactly(5432, 5433);
    }

    @Test
    void somethingThatIsNotAHostListHasNoKnownPorts() {
        assertThat(ConnectionUriPorts.of("db.example.com:http/ledger", Engine.PostgreSQL))
                .isEmpty();
        assertThat(ConnectionUriPorts.of("db.example.com:70000", Engine.PostgreSQL)).isEmpty();
        assertThat(ConnectionUriPorts.of("/ledger", Engine.PostgreSQL)).isEmpty();
        assertThat(ConnectionUriPorts.of("db.example.com:27017", Engine.MongoDB)).isEmpty();
    }
}
