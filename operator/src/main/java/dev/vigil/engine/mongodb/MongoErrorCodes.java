package dev.vigil.engine.mongodb;

/** The MongoDB server error codes Vigil branches on (from MongoDB's {@code error_codes.yml}). */
final class MongoErrorCodes {

    static final int AUTHENTICATION_FAILED = 18;
    static final int ALREADY_INITIALIZED = 23;
    static final int INVALID_REPLICA_SET_CONFIG = 93;
    static final int NOT_YET_INITIALIZED = 94;
    static final int USER_ALREADY_EXISTS = 51003;

    private MongoErrorCodes() {}
}
