package io.parley.common.grpc;

import io.grpc.Context;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;

/**
 * The end user a gRPC call acts for: the caller relays the user's access token in metadata and
 * {@link CallerJwtServerInterceptor} verifies it, so the callee authorizes the person, not the
 * calling service.
 */
public final class GrpcCaller {

    static final Context.Key<CurrentUser> USER = Context.key("parley-user");
    static final Context.Key<String> TOKEN = Context.key("parley-token");

    private GrpcCaller() {
    }

    /** The verified end user of the current call; null outside a call or without a token. */
    public static CurrentUser current() {
        return USER.get();
    }

    /** The verified end user of the current call; UNAUTHENTICATED for the caller when there is none. */
    public static CurrentUser require() {
        CurrentUser user = current();
        if (user == null) {
            throw new ApiException.Unauthorized("This call needs the end user's access token");
        }
        return user;
    }

    /** The raw token of the current call, to relay on to further calls; null outside a call. */
    static String token() {
        return TOKEN.get();
    }
}
