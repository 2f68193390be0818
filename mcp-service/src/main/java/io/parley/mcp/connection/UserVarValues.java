package io.parley.mcp.connection;

import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.ServerRef;
import java.util.Map;

/** A person's values of a server's custom user variables, which go into their connection's settings. */
@FunctionalInterface
public interface UserVarValues {

    Map<String, String> valuesOf(CurrentUser user, ServerRef server);
}
