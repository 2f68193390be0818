package io.parley.common.request;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that ties a client's request to the lines every process logs for it. The gateway
 * sets it; a service keeps one it is given when it looks like an id, else makes its own.
 */
public final class RequestIds {

    /** HTTP header and gRPC metadata key. */
    public static final String HEADER = "X-Request-Id";
    /** MDC key, so that structured log lines carry it. */
    public static final String MDC_KEY = "requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    /** The given id when it is 8–64 safe characters, else a fresh one (a client cannot inject log text). */
    public static String acceptOrCreate(String given) {
        return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
