package dev.vigil.e2e.reliability.faults;

/**
 * A fault the {@link FaultInjectingProxy} puts in place of (or on top of) the API server's answer.
 */
public enum FaultKind {
    /** HTTP 500 with a Kubernetes {@code Status} body; the request never reaches the server. */
    SERVER_ERROR,
    /**
     * HTTP 429 with {@code Retry-After: 1}, as the API server's priority and fairness answers when
     * it sheds load; the request never reaches the server.
     */
    TOO_MANY_REQUESTS,
    /**
     * The request never reaches the server, and the client gets no answer: the proxy holds the
     * connection past the client's request timeout, then closes it.
     */
    TIMEOUT,
    /**
     * The request reaches the server (a write is done), but its answer is lost: the proxy holds the
     * connection past the client's request timeout, then closes it without a response.
     */
    LOST_ANSWER,
    /** A watch that started streaming is cut in the middle, without HTTP's closing chunk. */
    DROPPED_WATCH
}
