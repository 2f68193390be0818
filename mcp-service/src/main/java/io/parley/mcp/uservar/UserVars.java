package io.parley.mcp.uservar;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.UserVarFlags;
import io.parley.mcp.connection.UserVarValues;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerSecrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A person's values of a server's {@code customUserVars} (an API key of their own, say), set the way
 * LibreChat's client sets them and put into the server's url, headers, args and env for that person
 * only. Values are never returned: only whether each is set.
 */
@Service
public class UserVars implements UserVarValues, UserVarFlags {

    static final int MAX_VALUE = 4096;

    private final UserVarStore store;
    private final ServerSecrets secrets;

    UserVars(UserVarStore store, ServerSecrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /** The person's values for the server; empty when none are set. */
    @Override
    public Map<String, String> valuesOf(CurrentUser user, ServerRef server) {
        return store.get(user.tenantId(), user.id(), server.name())
                .map(sealed -> secrets.openUserVars(sealed, user.tenantId(), user.id(), server.name()))
                .orElse(Map.of());
    }

    /** Which of the server's variables the person has set. */
    @Override
    public Map<String, Boolean> flags(CurrentUser user, ServerRef server) {
        Map<String, String> values = valuesOf(user, server);
        Map<String, Boolean> flags = new LinkedHashMap<>();
        server.config().customUserVars().keySet().forEach(name -> flags.put(name, !values.getOrDefault(name, "").isEmpty()));
        return flags;
    }

    /**
     * Replaces the person's values; a blank value unsets a variable.
     *
     * @throws ApiException.Invalid for a variable the server does not declare, or a value too long
     */
    void set(CurrentUser user, ServerRef server, Map<String, Object> given) {
        Set<String> declared = server.config().customUserVars().keySet();
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        (given == null ? Map.<String, Object>of() : given).forEach((name, value) -> {
            if (!declared.contains(name)) {
                problems.add(new FieldProblem("auth." + name, "is not a variable of this server"));
            } else if (value != null && !(value instanceof String)) {
                problems.add(new FieldProblem("auth." + name, "must be text"));
            } else if (value != null && ((String) value).length() > MAX_VALUE) {
                problems.add(new FieldProblem("auth." + name, "must be at most " + MAX_VALUE + " characters"));
            } else if (value != null && !((String) value).isBlank()) {
                values.put(name, (String) value);
            }
        });
        if (!problems.isEmpty()) {
            throw new ApiException.Invalid("invalid_request", "Invalid variables for MCP server '" + server.name() + "'",
                    problems);
        }
        if (values.isEmpty()) {
            clear(user, server);
        } else {
            store.put(user.tenantId(), user.id(), server.name(),
                    secrets.sealUserVars(values, user.tenantId(), user.id(), server.name()));
        }
    }

    void clear(CurrentUser user, ServerRef server) {
        store.delete(user.tenantId(), user.id(), server.name());
    }

    /** Account deletion. */
    public long forget(String tenantId, String userId) {
        return store.deleteAllOf(tenantId, userId);
    }
}
