package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of the replica set (MongoDB replicates {@code admin.system.users}, so the double keeps
 * one directory for all members) and the user-management commands: {@code createUser}, {@code
 * updateUser}, {@code usersInfo}. Thread-safe.
 */
final class UserDirectory {

    private record StoredUser(
            String name,
            String db,
            List<UserSnapshot.Role> roles,
            ScramSha256Credential credential) {}

    private final Map<String, StoredUser> users = new LinkedHashMap<>();

    synchronized void put(String name, String db, String password, List<UserSnapshot.Role> roles) {
        users.put(
                key(name, db),
                new StoredUser(name, db, roles, ScramSha256Credential.derive(password)));
    }

    /** An independent directory holding the same users. */
    synchronized UserDirectory copy() {
        UserDirectory copy = new UserDirectory();
        copy.users.putAll(users);
        return copy;
    }

    /** Replaces every user with those of {@code source}. */
    void replaceWith(UserDirectory source) {
        UserDirectory snapshot = source.copy();
        synchronized (this) {
            users.clear();
            users.putAll(snapshot.users);
        }
    }

    synchronized Optional<ScramSha256Credential> credential(String name, String db) {
        return Optional.ofNullable(users.get(key(name, db))).map(StoredUser::credential);
    }

    synchronized Optional<UserSnapshot> snapshot(String name, String db) {
        return Optional.ofNullable(users.get(key(name, db))).map(UserDirectory::snapshot);
    }

    synchronized List<UserSnapshot> snapshots() {
        return users.values().stream().map(UserDirectory::snapshot).toList();
    }

    synchronized Document createUser(String db, Document command) {
        String name = requiredString(command, "createUser");
        String password = command.get("pwd") instanceof String pwd ? pwd : null;
        if (password == null) {
            throw CommandFailure.badValue(
                    "Must provide a 'pwd' field for all user documents, except those with"
                            + " '$external' as the user's source db");
        }
        if (users.containsKey(key(name, db))) {
            throw new CommandFailure(
                    51003, "Location51003", "User \"" + name + "@" + db + "\" already exists");
        }
        users.put(
                key(name, db),
                new StoredUser(
                        name,
                        db,
                        roles(db, command.get("roles")),
                        ScramSha256Credential.derive(password)));
        return ok();
    }

    synchronized Document updateUser(String db, Document command) {
        String name = requiredString(command, "updateUser");
        StoredUser existing = users.get(key(name, db));
        if (existing == null) {
            throw new CommandFailure(
                    11, "UserNotFound", "Could not find user \"" + name + "@" + db + "\"");
        }
        ScramSha256Credential credential = existing.credential();
        if (command.get("pwd") instanceof String pwd) {
            credential = ScramSha256Credential.derive(pwd);
        }
        List<UserSnapshot.Role> roles =
                command.containsKey("roles") ? roles(db, command.get("roles")) : existing.roles();
        users.put(key(name, db), new StoredUser(name, db, roles, credential));
        return ok();
    }

    synchronized Document usersInfo(String db, Document command) {
        Object selector = command.get("usersInfo");
        List<Document> found = new ArrayList<>();
        if (selector instanceof Number) {
            users.values().stream().filter(u -> u.db().equals(db)).forEach(u -> found.add(info(u)));
        } else {
            List<?> wanted = selector instanceof List<?> list ? list : List.of(selector);
            for (Object one : wanted) {
                String name;
                String userDb = db;
                if (one instanceof String s) {
                    name = s;
                } else if (one instanceof Document d) {
                    name = requiredString(d, "user");
                    userDb = requiredString(d, "db");
                } else {
                    throw CommandFailure.badValue("User name must be a string or a document");
                }
                StoredUser user = users.get(key(name, userDb));
                if (user != null) {
                    found.add(info(user));
                }
            }
        }
        return new Document("users", found).append("ok", 1.0);
    }

    private static Document info(StoredUser user) {
        List<Document> roles =
                user.roles().stream()
                        .map(r -> new Document("role", r.role()).append("db", r.db()))
                        .toList();
        return new Document("_id", user.db() + "." + user.name())
                .append("user", user.name())
                .append("db", user.db())
                .append("roles", roles)
                .append("mechanisms", List.of("SCRAM-SHA-256"));
    }

    private static List<UserSnapshot.Role> roles(String db, Object value) {
        if (!(value instanceof List<?> list)) {
            throw CommandFailure.badValue("\"roles\" field must be an array");
        }
        List<UserSnapshot.Role> roles = new ArrayList<>();
        for (Object role : list) {
            if (role instanceof String name) {
                roles.add(new UserSnapshot.Role(name, db));
            } else if (role instanceof Document d) {
                roles.add(
                        new UserSnapshot.Role(requiredString(d, "role"), requiredString(d, "db")));
            } else {
                throw CommandFailure.badValue("Role names must be either strings or objects");
            }
        }
        return roles;
    }

    private static UserSnapshot snapshot(StoredUser user) {
        return new UserSnapshot(user.name(), user.db(), user.roles());
    }

    private static String requiredString(Document document, String field) {
        if (document.get(field) instanceof String value) {
            return value;
        }
        throw CommandFailure.badValue("\"" + field + "\" must be a string");
    }

    private static String key(String name, String db) {
        return db + "." + name;
    }

    private static Document ok() {
        return new Document("ok", 1.0);
    }
}
