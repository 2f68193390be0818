package io.parley.mcp.connection;

import io.parley.common.security.CurrentUser;
import io.parley.mcp.server.ServerRef;
import java.util.Map;

/** Which of a server's custom user variables a person has set (never the values). */
@FunctionalInterface
public interface UserVarFlags {

    Map<String, Boolean> flags(CurrentUser user, ServerRef server);
}
