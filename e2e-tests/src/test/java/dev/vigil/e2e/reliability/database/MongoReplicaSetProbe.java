package dev.vigil.e2e.reliability.database;

import dev.vigil.e2e.scenarios.DatabaseProbes;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * What a MongoDB replica set of a scenario says about itself, asked as its administrator would in
 * {@code mongosh}: its configuration, its primary, its users; and a step-down of the primary.
 */
public final class MongoReplicaSetProbe {

    private static final Pattern ORDINAL = Pattern.compile("^[a-z0-9-]+-(\\d+)\\.");

    private final DatabaseProbes probes;
    private final String database;

    public MongoReplicaSetProbe(DatabaseProbes probes, String database) {
        this.probes = probes;
        this.database = database;
    }

    /** {@code replSetGetConfig}'s {@code config}, as member {@code ordinal} holds it. */
    public Document config(int ordinal) {
        return probes.mongoAdmin(database, ordinal, new Document("replSetGetConfig", 1))
                .get("config", Document.class);
    }

    /** The hosts of the configuration's members, in its order. */
    public List<String> hosts(Document config) {
        return config.getList("members", Document.class).stream()
                .map(member -> member.getString("host"))
                .toList();
    }

    /** The configuration's version. */
    public static int version(Document config) {
        return ((Number) config.get("version")).intValue();
    }

    /** The ordinal of the primary member {@code ordinal} knows of, if it knows one. */
    public Optional<Integer> primary(int ordinal) {
        String host =
                probes.mongoAdmin(database, ordinal, new Document("hello", 1)).getString("primary");
        return host == null ? Optional.empty() : Optional.of(ordinal(host));
    }

    /** The ordinal of a member from its host name ({@code <database>-<ordinal>.<...>}). */
    public static int ordinal(String host) {
        Matcher matcher = ORDINAL.matcher(host);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a member's host: " + host);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * {@code replSetStepDown} on member {@code ordinal}, the primary: it may not stand for election
     * for {@code seconds}.
     */
    public Document stepDown(int ordinal, int seconds) {
        return probes.mongoAdmin(
                database,
                ordinal,
                new Document("replSetStepDown", seconds).append("secondaryCatchUpPeriodSecs", 1));
    }

    /** Creates user {@code user} of the {@code admin} database on the primary {@code ordinal}. */
    public void createUser(int ordinal, String user, String password) {
        probes.mongoAdmin(
                database,
                ordinal,
                new Document("createUser", user)
                        .append("pwd", password)
                        .append(
                                "roles",
                                List.of(new Document("role", "readWrite").append("db", "shop"))));
    }

    /** The names of the {@code admin} database's users, as member {@code ordinal} serves them. */
    public List<String> users(int ordinal) {
        return probes
                .mongoAdmin(database, ordinal, new Document("usersInfo", 1))
                .getList("users", Document.class)
                .stream()
                .map(user -> user.getString("user"))
                .sorted()
                .toList();
    }

    /** How many {@code replSetReconfig} commands member {@code ordinal} answered, and failed. */
    public long[] reconfigs(int ordinal) {
        Document status = probes.mongoAdmin(database, ordinal, new Document("serverStatus", 1));
        Document commands = status.get("metrics", Document.class).get("commands", Document.class);
        Document reconfig = commands.get("replSetReconfig", Document.class);
        if (reconfig == null) {
            return new long[] {0, 0};
        }
        return new long[] {
            ((Number) reconfig.get("total")).longValue(),
            ((Number) reconfig.get("failed")).longValue()
        };
    }
}
