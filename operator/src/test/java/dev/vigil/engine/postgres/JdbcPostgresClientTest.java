package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.DatabaseAuthenticationException;
import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

/**
 * {@link JdbcPostgresClient} against real PostgreSQL servers: one primary and a standby streaming
 * through a slot, shared by every test (each test uses its own roles and slots).
 */
class JdbcPostgresClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String STANDBY_SLOT = "vigil_pg_1";

    private static LocalPostgresCluster cluster;
    private static LocalPostgresServer primary;
    private static LocalPostgresServer standby;
    private static JdbcPostgresClient client;

    @BeforeAll
    static void startCluster() {
        cluster = LocalPostgresCluster.startPrimary();
        primary = cluster.primary();
        standby = cluster.addStandby(STANDBY_SLOT);
        client = new JdbcPostgresClient(cluster.resolver(), TIMEOUT);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static DatabaseCredentials superuser() {
        return cluster.superuser();
    }

    // --- probe ---

    @Test
    void probeOfThePrimaryReportsVersionRoleAndItsStandbyStreamingThroughTheSlot()
            throws Exception {
        PostgresMemberObservation seen = client.probe(primary.member(), superuser());

        assertThat(seen.member()).isEqualTo(primary.member());
        assertThat(seen.role()).isEqualTo(PostgresRole.PRIMARY);
        assertThat(seen.majorVersion()).isEqualTo(cluster.majorVersion());
        assertThat(seen.serverVersion()).matches(cluster.majorVersion() + "\\.\\d+");
        assertThat(seen.standby()).isEmpty();
        PostgresPrimaryState state = seen.primary().orElseThrow();
        assertThat(state.currentWalLsn().value()).isPositive();
        assertThat(state.standbys())
                .filteredOn(s -> s.slotName().equals(Optional.of(STANDBY_SLOT)))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.applicationName()).isEqualTo(standby.name());
                            assertThat(s.clientAddress()).contains("127.0.0.1");
                            assertThat(s.streaming()).isTrue();
                            assertThat(s.replayLsn()).isPresent();
                        });
        assertThat(state.slots())
                .filteredOn(slot -> slot.name().equals(STANDBY_SLOT))
                .singleElement()
                .satisfies(
                        slot -> {
                            assertThat(slot.physical()).isTrue();
                            assertThat(slot.active()).isTrue();
                            assertThat(slot.restartLsn()).isPresent();
                        });
    }

    @Test
    void probeOfTheStandbyReportsStreamingThroughItsSlotAndNoLagOnceCaughtUp() throws Exception {
        execute(primary, "CREATE TABLE caught_up (id int)", "INSERT INTO caught_up VALUES (1)");
        Lsn written =
                client.probe(primary.member(), superuser()).primary().orElseThrow().currentWalLsn();

        await("standby replays up to " + written)
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                replayed(client.probe(standby.member(), superuser()))
                                                .compareTo(written)
                                        >= 0);
        PostgresMemberObservation seen = client.probe(standby.member(), superuser());

        assertThat(seen.role()).isEqualTo(PostgresRole.STANDBY);
        assertThat(seen.majorVersion()).isEqualTo(cluster.majorVersion());
        assertThat(seen.primary()).isEmpty();
        PostgresStandbyState state = seen.standby().orElseThrow();
        assertThat(state.streaming()).isTrue();
        assertThat(state.walReceiverStatus()).contains("streaming");
        assertThat(state.slotName()).contains(STANDBY_SLOT);
        assertThat(state.receiveLsn()).isPresent();
        assertThat(state.replayLag()).contains(Duration.ZERO);
    }

    @Test
    void probeOfAStandbyWhoseReplayIsPausedReportsAGrowingLag() throws Exception {
        execute(primary, "CREATE TABLE before_pause (id int)");
        Lsn before =
                client.probe(primary.member(), superuser()).primary().orElseThrow().currentWalLsn();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                replayed(client.probe(standby.member(), superuser()))
                                                .compareTo(before)
                                        >= 0);
        execute(standby, "SELECT pg_wal_replay_pause()");
        try {
            execute(primary, "CREATE TABLE during_pause (id int)");

            PostgresStandbyState behind =
                    await("a lag of more than 300 ms while replay is paused")
                            .atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            client.probe(standby.member(), superuser())
                                                    .standby()
                                                    .orElseThrow(),
                                    s ->
                                            s.replayLag()
                                                    .filter(lag -> lag.toMillis() > 300)
                                                    .isPresent());

            assertThat(behind.receiveLsn().orElseThrow())
                    .isGreaterThan(behind.replayLsn().orElseThrow());
            assertThat(behind.streaming()).isTrue();
        } finally {
            execute(standby, "SELECT pg_wal_replay_resume()");
        }
        await("no lag once replay resumed")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                client.probe(standby.member(), superuser())
                                        .standby()
                                        .orElseThrow()
                                        .replayLag(),
                        lag -> lag.equals(Optional.of(Duration.ZERO)));
    }

    // --- roles ---

    @Test
    void monitoringRoleIsCreatedOnceAsALoginWithPgMonitorOnly() throws Exception {
        DatabaseCredentials monitoring = new DatabaseCredentials("vigil_monitor", "m0nitor-First");

        client.ensureMonitoringRole(primary.member(), superuser(), monitoring);

        assertThat(attributes("vigil_monitor")).isEqualTo(expectedAttributes(false));
        assertThat(memberships("vigil_monitor")).containsExactly("pg_monitor admin=false");
        assertThat(canLogIn(monitoring)).isTrue();
        assertThat(queryAs(monitoring, "SELECT pg_has_role('pg_monitor', 'USAGE')")).isEqualTo("t");
        assertThat(queryAs(monitoring, "SELECT count(*) > 0 FROM pg_stat_statements"))
                .as("the exporter's role reads the statement statistics Vigil turned on")
                .isEqualTo("t");

        String rowVersions = rowVersions("vigil_monitor");
        client.ensureMonitoringRole(primary.member(), superuser(), monitoring);
        assertThat(rowVersions("vigil_monitor"))
                .as("pg_authid and pg_auth_members rows are not rewritten")
                .isEqualTo(rowVersions);
        assertThat(canLogIn(monitoring)).isTrue();
    }

    @Test
    void aChangedMonitoringPasswordIsSetAndTheOldOneNoLongerWorks() throws Exception {
        DatabaseCredentials first = new DatabaseCredentials("vigil_monitor_rotated", "first-Pw-1");
        DatabaseCredentials second =
                new DatabaseCredentials("vigil_monitor_rotated", "second-Pw-2");
        client.ensureMonitoringRole(primary.member(), superuser(), first);

        client.ensureMonitoringRole(primary.member(), superuser(), second);

        assertThat(canLogIn(second)).isTrue();
        assertThat(canLogIn(first)).isFalse();
        assertThat(storedPassword("vigil_monitor_rotated")).startsWith("SCRAM-SHA-256$4096:");
        assertThat(memberships("vigil_monitor_rotated")).containsExactly("pg_monitor admin=false");
    }

    @Test
    void aMonitoringRoleChangedByHandIsRepaired() throws Exception {
        execute(
                primary,
                "CREATE ROLE vigil_monitor_tampered NOLOGIN CREATEDB CREATEROLE REPLICATION"
                        + " VALID UNTIL '2001-01-01' PASSWORD 'plain-Old-pw'",
                "GRANT pg_read_all_data TO vigil_monitor_tampered",
                "GRANT pg_monitor TO vigil_monitor_tampered WITH ADMIN OPTION");
        DatabaseCredentials monitoring =
                new DatabaseCredentials("vigil_monitor_tampered", "repaired-Pw-3");

        client.ensureMonitoringRole(primary.member(), superuser(), monitoring);

        assertThat(attributes("vigil_monitor_tampered")).isEqualTo(expectedAttributes(false));
        assertThat(memberships("vigil_monitor_tampered")).containsExactly("pg_monitor admin=false");
        assertThat(canLogIn(monitoring)).isTrue();
    }

    @Test
    void aPasswordTheServerHashedItselfIsRecognisedWithoutAWrite() throws Exception {
        execute(
                primary,
                "SET password_encryption = 'scram-sha-256'",
                "CREATE ROLE vigil_monitor_by_hand LOGIN PASSWORD 'hand-Set-pw-7'",
                "GRANT pg_monitor TO vigil_monitor_by_hand");
        String rowVersions = rowVersions("vigil_monitor_by_hand");

        client.ensureMonitoringRole(
                primary.member(),
                superuser(),
                new DatabaseCredentials("vigil_monitor_by_hand", "hand-Set-pw-7"));

        assertThat(rowVersions("vigil_monitor_by_hand"))
                .as("the verifier Vigil computes with the stored salt equals the server's")
                .isEqualTo(rowVersions);
    }

    @Test
    void aRoleNameThatNeedsQuotingIsQuoted() throws Exception {
        DatabaseCredentials odd = new DatabaseCredentials("Vigil \"Monitor\"; x", "quoted-Pw-4");

        client.ensureMonitoringRole(primary.member(), superuser(), odd);

        assertThat(memberships(odd.username())).containsExactly("pg_monitor admin=false");
        assertThat(canLogIn(odd)).isTrue();
    }

    @Test
    void replicationRoleIsALoginWithReplicationAndNoRoles() throws Exception {
        DatabaseCredentials replication = new DatabaseCredentials("vigil_replication", "repl-Pw-5");

        client.ensureReplicationRole(primary.member(), superuser(), replication);
        String rowVersions = rowVersions("vigil_replication");
        client.ensureReplicationRole(primary.member(), superuser(), replication);

        assertThat(attributes("vigil_replication")).isEqualTo(expectedAttributes(true));
        assertThat(memberships("vigil_replication")).isEmpty();
        assertThat(rowVersions("vigil_replication")).isEqualTo(rowVersions);
        assertThat(identifySystemAs(replication)).isNotBlank();
    }

    @Test
    void rolesAreRefusedOnAStandby() {
        DatabaseCredentials monitoring = new DatabaseCredentials("vigil_monitor_standby", "pw-6-x");

        assertThatThrownBy(
                        () ->
                                client.ensureMonitoringRole(
                                        standby.member(), superuser(), monitoring))
                .isInstanceOf(DatabaseCommandException.class)
                .hasMessageContaining(standby.member())
                .hasMessageContaining("standby");
    }

    @Test
    void theSuperuserIsNeverTurnedIntoAManagedRole() throws Exception {
        DatabaseCredentials sameName =
                new DatabaseCredentials(superuser().username(), superuser().password());

        assertThatThrownBy(
                        () -> client.ensureMonitoringRole(primary.member(), superuser(), sameName))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attributes(superuser().username())).contains("super=t");
    }

    // --- slots ---

    @Test
    void replicationSlotsAreCreatedAndStaleVigilSlotsDropped() throws Exception {
        execute(
                primary,
                "SELECT pg_create_physical_replication_slot('vigil_stale')",
                "SELECT pg_create_physical_replication_slot('someone_elses')");
        try {
            Set<String> wanted = Set.of(STANDBY_SLOT, "vigil_pg_8", "vigil_pg_9");

            client.ensureReplicationSlots(primary.member(), superuser(), wanted);
            Map<String, String> afterFirst = slots();
            client.ensureReplicationSlots(primary.member(), superuser(), wanted);

            assertThat(afterFirst)
                    .containsEntry(STANDBY_SLOT, "physical active reserved")
                    .containsEntry("vigil_pg_8", "physical inactive reserved")
                    .containsEntry("vigil_pg_9", "physical inactive reserved")
                    .containsEntry("someone_elses", "physical inactive unreserved")
                    .doesNotContainKey("vigil_stale");
            assertThat(slots()).as("a second call changes nothing").isEqualTo(afterFirst);

            client.ensureReplicationSlots(primary.member(), superuser(), Set.of());

            assertThat(slots())
                    .as("an unwanted slot in use stays, as does a slot Vigil does not own")
                    .containsKeys(STANDBY_SLOT, "someone_elses")
                    .doesNotContainKeys("vigil_pg_8", "vigil_pg_9");
        } finally {
            execute(primary, "SELECT pg_drop_replication_slot('someone_elses')");
        }
    }

    @Test
    void invalidSlotNamesAreRefusedBeforeConnecting() {
        assertThatThrownBy(
                        () ->
                                client.ensureReplicationSlots(
                                        primary.member(), superuser(), Set.of("vigil_Bad-Name")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil_Bad-Name");
    }

    // --- promotion ---

    @Test
    void promoteTurnsAStandbyIntoAWritablePrimary() throws Exception {
        LocalPostgresServer promoted = cluster.addStandby("vigil_pg_promoted");
        assertThat(client.probe(promoted.member(), superuser()).role())
                .isEqualTo(PostgresRole.STANDBY);

        client.promote(promoted.member(), superuser());

        PostgresMemberObservation seen = client.probe(promoted.member(), superuser());
        assertThat(seen.role()).isEqualTo(PostgresRole.PRIMARY);
        execute(promoted, "CREATE TABLE written_after_promotion (id int)");
        execute(primary, "SELECT pg_drop_replication_slot('vigil_pg_promoted')");
    }

    // --- switchover: fence, checkpoint, catch up, promote (a cluster of its own) ---

    @Test
    void aFencedPrimaryEndsOpenSessionsRefusesNewWritesAndItsStandbyCatchesUpBeforePromotion()
            throws Exception {
        try (LocalPostgresCluster own = LocalPostgresCluster.startPrimary()) {
            LocalPostgresServer old = own.primary();
            LocalPostgresServer next = own.addStandby("vigil_1");
            JdbcPostgresClient jdbc = new JdbcPostgresClient(own.resolver(), TIMEOUT);
            DatabaseCredentials su = own.superuser();
            try (Connection setup = own.connectAsSuperuser(old);
                    Statement statement = setup.createStatement()) {
                statement.execute("CREATE TABLE orders (id int)");
            }
            Connection open = own.connectAsSuperuser(old);
            open.setAutoCommit(false);
            open.createStatement().execute("INSERT INTO orders VALUES (1)");

            int ended = jdbc.fenceWrites(old.member(), su);

            assertThat(ended).isGreaterThanOrEqualTo(1);
            assertThatThrownBy(open::commit).isInstanceOf(SQLException.class);
            open.close();
            try (Connection late = own.connectAsSuperuser(old);
                    Statement statement = late.createStatement()) {
                assertThatThrownBy(() -> statement.execute("INSERT INTO orders VALUES (2)"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(
                                e ->
                                        assertThat(((SQLException) e).getSQLState())
                                                .isEqualTo("25006"));
            }
            Lsn fencedAt = jdbc.checkpointLsn(old.member(), su);
            assertThat(fencedAt)
                    .isGreaterThanOrEqualTo(
                            jdbc.probe(old.member(), su).primary().orElseThrow().currentWalLsn());
            await("the standby replays up to " + fencedAt)
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.replayLsn(next.member(), su).compareTo(fencedAt) >= 0);
            assertThatThrownBy(() -> jdbc.replayLsn(old.member(), su))
                    .isInstanceOf(DatabaseCommandException.class)
                    .hasMessageContaining("not in recovery");

            jdbc.promote(next.member(), su);

            try (Connection promoted = own.connectAsSuperuser(next);
                    Statement statement = promoted.createStatement()) {
                statement.execute("INSERT INTO orders VALUES (3)");
            }
            jdbc.unfenceWrites(old.member(), su);
            await("the old primary takes writes once the fence is lifted")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                try (Connection again = own.connectAsSuperuser(old);
                                        Statement statement = again.createStatement()) {
                                    statement.execute("INSERT INTO orders VALUES (4)");
                                    return true;
                                }
                            });
        }
    }

    @Test
    void fencingAStandbyIsRefused() {
        assertThatThrownBy(() -> client.fenceWrites(standby.member(), superuser()))
                .isInstanceOf(DatabaseCommandException.class)
                .hasMessageContaining("standby");
    }

    @Test
    void promoteRefusesAMemberThatIsNotInRecovery() {
        assertThatThrownBy(() -> client.promote(primary.member(), superuser()))
                .isInstanceOf(DatabaseCommandException.class)
                .hasMessageContaining(primary.member())
                .hasMessageContaining("not in recovery");
    }

    // --- errors ---

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() {
        String wrong = "Wr0ng-Secret-Value";
        DatabaseCredentials credentials = new DatabaseCredentials(superuser().username(), wrong);

        assertThatThrownBy(() -> client.probe(primary.member(), credentials))
                .isInstanceOf(DatabaseAuthenticationException.class)
                .hasMessageContaining(primary.member())
                .hasMessageContaining("28P01")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong))
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(superuser().password()));
    }

    @Test
    void aMemberNobodyListensForIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DatabaseAddressResolver toClosedPort =
                (host, port) -> new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
        JdbcPostgresClient unreachable =
                new JdbcPostgresClient(toClosedPort, Duration.ofSeconds(2));

        assertThatThrownBy(() -> unreachable.probe(primary.member(), superuser()))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining(primary.member())
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(superuser().password()));
    }

    @Test
    void aMemberWhoseNameDoesNotResolveIsUnreachable() {
        JdbcPostgresClient inCluster =
                new JdbcPostgresClient(DatabaseAddressResolver.IN_CLUSTER, Duration.ofSeconds(2));

        assertThatThrownBy(() -> inCluster.probe("pg-0.nowhere.invalid:5432", superuser()))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("pg-0.nowhere.invalid:5432");
    }

    // --- helpers: direct SQL, as an administrator would look ---

    private static Lsn replayed(PostgresMemberObservation standbyObservation) {
        return standbyObservation.standby().orElseThrow().replayLsn().orElse(new Lsn(0));
    }

    private static void execute(LocalPostgresServer server, String... statements)
            throws SQLException {
        try (Connection connection = cluster.connectAsSuperuser(server);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> rows(String query, String parameter) throws SQLException {
        try (Connection connection = cluster.connectAsSuperuser(primary);
                PreparedStatement statement = connection.prepareStatement(query)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    private static String expectedAttributes(boolean replication) {
        return "login=t super=f inherit=t createrole=f createdb=f replication="
                + (replication ? "t" : "f")
                + " bypassrls=f validuntil=none";
    }

    private static String attributes(String role) throws SQLException {
        return rows(
                        "SELECT format('login=%s super=%s inherit=%s createrole=%s createdb=%s"
                                + " replication=%s bypassrls=%s validuntil=%s',"
                                + " rolcanlogin, rolsuper, rolinherit, rolcreaterole, rolcreatedb,"
                                + " rolreplication, rolbypassrls,"
                                + " CASE WHEN rolvaliduntil IS NULL OR rolvaliduntil = 'infinity'"
                                + " THEN 'none' ELSE rolvaliduntil::text END)"
                                + " FROM pg_roles WHERE rolname = ?",
                        role)
                .stream()
                .map(row -> row.replace("true", "t").replace("false", "f"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no role " + role));
    }

    private static List<String> memberships(String role) throws SQLException {
        return rows(
                "SELECT r.rolname || ' admin=' || m.admin_option FROM pg_auth_members m"
                        + " JOIN pg_roles r ON r.oid = m.roleid"
                        + " WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = ?)"
                        + " ORDER BY 1",
                role);
    }

    /** The row versions (xmin) of the role and its memberships: any write changes them. */
    private static String rowVersions(String role) throws SQLException {
        return String.join(
                ",",
                rows(
                        "WITH r AS (SELECT oid, xmin FROM pg_authid WHERE rolname = ?)"
                                + " SELECT 'authid:' || r.xmin FROM r"
                                + " UNION ALL SELECT 'member:' || m.xmin"
                                + " FROM pg_auth_members m JOIN r ON m.member = r.oid"
                                + " ORDER BY 1",
                        role));
    }

    private static String storedPassword(String role) throws SQLException {
        return rows("SELECT rolpassword FROM pg_authid WHERE rolname = ?", role).get(0);
    }

    private static boolean canLogIn(DatabaseCredentials credentials) {
        try (Connection ignored = cluster.connect(primary, credentials)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new AssertionError("unexpected failure logging in: " + e.getSQLState(), e);
        }
    }

    private static String queryAs(DatabaseCredentials credentials, String query)
            throws SQLException {
        try (Connection connection = cluster.connect(primary, credentials);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getBoolean(1) ? "t" : "f";
        }
    }

    /** Opens a physical replication connection, which needs REPLICATION, and names the system. */
    private static String identifySystemAs(DatabaseCredentials credentials) throws SQLException {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, credentials.username());
        PGProperty.PASSWORD.set(properties, credentials.password());
        PGProperty.REPLICATION.set(properties, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl(), properties);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("IDENTIFY_SYSTEM")) {
            row.next();
            return row.getString("systemid");
        }
    }

    /** Slot name to "physical|logical active|inactive reserved|unreserved". */
    private static Map<String, String> slots() throws SQLException {
        Map<String, String> slots = new TreeMap<>();
        try (Connection connection = cluster.connectAsSuperuser(primary);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT slot_name, slot_type, active, restart_lsn IS NOT NULL"
                                        + " FROM pg_replication_slots")) {
            while (rows.next()) {
                slots.put(
                        rows.getString(1),
                        rows.getString(2)
                                + (rows.getBoolean(3) ? " active" : " inactive")
                                + (rows.getBoolean(4) ? " reserved" : " unreserved"));
            }
        }
        return slots;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
