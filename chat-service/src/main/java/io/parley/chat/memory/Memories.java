package io.parley.chat.memory;

import io.parley.chat.support.TokenCounter;
import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A person's memories, as LibreChat's {@code /api/memories} keeps them: gated by the role's MEMORIES
 * permissions, each value counted in tokens, the total held under librechat.yaml's {@code memory.tokenLimit}.
 * Keys are the person's own within their tenant; another person's key is simply not found.
 */
@Component
public class Memories {

    static final String TYPE = "MEMORIES";
    private static final Logger log = LoggerFactory.getLogger(Memories.class);

    private final MemoryStore store;
    private final RolesClient roles;
    private final TokenCounter tokens;
    private final MemorySettings settings;

    Memories(MemoryStore store, RolesClient roles, TokenCounter tokens, MemorySettings settings) {
        this.store = store;
        this.roles = roles;
        this.tokens = tokens;
        this.settings = settings;
    }

    /**
     * @param tokenLimit      librechat.yaml's limit, null for none
     * @param usagePercentage the total as a share of the limit, rounded, at most 100; null without a limit
     */
    record Listing(List<Memory> memories, long totalTokens, @Nullable Integer tokenLimit, int charLimit,
                   @Nullable Integer usagePercentage) {
    }

    Listing list(CurrentUser caller) {
        require("READ");
        List<Memory> memories = store.all(caller.tenantId(), caller.id());
        long total = total(memories);
        Integer limit = settings.limit();
        Integer usage = limit == null ? null : (int) Math.min(100, Math.round(total * 100.0 / limit));
        return new Listing(memories, total, limit, settings.charLimit(), usage);
    }

    /**
     * @throws ApiException.Invalid    for a key or value LibreChat refuses, or one that would take the person
     *                                 over the token limit
     * @throws ApiException.Conflict   when the person has a memory with this key
     * @throws ApiException.Forbidden  without MEMORIES.USE and CREATE
     */
    Memory create(CurrentUser caller, MemoryRequest body) {
        require("CREATE");
        String sentKey = MemoryRules.requiredKey(body.key());
        String sentValue = MemoryRules.requiredValue(body.value());
        MemoryRules.checkLengths(sentKey, sentValue, settings.charLimit());
        String key = sentKey.trim();
        String value = sentValue.trim();
        MemoryRules.checkNewKey(key, settings.validKeys());
        int tokenCount = tokens.count(value);
        Integer limit = settings.limit();
        if (limit != null) {
            long current = total(store.all(caller.tenantId(), caller.id()));
            if (current + tokenCount > limit) {
                throw MemoryRules.invalid("Adding this memory would exceed the token limit of " + limit
                        + ". Current usage: " + current + " tokens.");
            }
        }
        Memory created = store.insert(caller.tenantId(), caller.id(), key, value, tokenCount)
                .orElseThrow(Memories::keyExists);
        log.debug("Memory created tenant_id={} user_id={} tokens={}", caller.tenantId(), caller.id(), tokenCount);
        return created;
    }

    /**
     * A new value for the memory {@code key}, renamed when the body names another key (as LibreChat allows).
     * The memory is looked up before the body is checked, so an unknown key is 404 whatever the body.
     *
     * @throws ApiException.NotFound  when the person has no memory {@code key}
     * @throws ApiException.Invalid   for a key or value LibreChat refuses, or a longer value that would take
     *                                the person over the token limit (a shorter one is always allowed)
     * @throws ApiException.Conflict  when renaming onto a key the person has
     * @throws ApiException.Forbidden without MEMORIES.USE and UPDATE
     */
    Memory update(CurrentUser caller, String key, MemoryRequest body) {
        require("UPDATE");
        Memory current = store.find(caller.tenantId(), caller.id(), key).orElseThrow(Memories::notFound);
        String sentValue = MemoryRules.requiredValue(body.value());
        String renamed = MemoryRules.renamedKey(body.key());
        String sentKey = renamed == null ? key : renamed;
        MemoryRules.checkLengths(sentKey, sentValue, settings.charLimit());
        String newKey = sentKey.trim();
        String value = sentValue.trim();
        if (!newKey.equals(key)) {
            // a stored key is kept whatever it is (imported data); only a new one must be valid
            MemoryRules.checkNewKey(newKey, settings.validKeys());
        }
        int tokenCount = tokens.count(value);
        Integer limit = settings.limit();
        if (limit != null && tokenCount > current.tokenCount()) {
            long usage = total(store.all(caller.tenantId(), caller.id()));
            if (usage - current.tokenCount() + tokenCount > limit) {
                throw MemoryRules.invalid("Updating this memory would exceed the token limit of " + limit
                        + ". Current usage: " + usage + " tokens.");
            }
        }
        if (!newKey.equals(key) && store.find(caller.tenantId(), caller.id(), newKey).isPresent()) {
            throw keyExists();
        }
        try {
            return store.rewrite(caller.tenantId(), caller.id(), key, newKey, value, tokenCount)
                    .orElseThrow(Memories::notFound);
        } catch (DuplicateKeyException renamedMeanwhile) {
            throw keyExists();
        }
    }

    /** @throws ApiException.NotFound when the person has no memory {@code key} */
    void delete(CurrentUser caller, String key) {
        require("UPDATE");
        if (!store.delete(caller.tenantId(), caller.id(), key)) {
            throw notFound();
        }
    }

    /** Account erasure: all of the person's memories. */
    public long deleteAllOf(String tenantId, String userId) {
        return store.deleteAll(tenantId, userId);
    }

    /**
     * LibreChat's gate: USE and the route's own permission. A {@code memory.disabled} librechat.yaml takes
     * MEMORIES.USE from every role in LibreChat, so it answers the same 403 here.
     */
    private void require(String permission) {
        if (settings.disabled()) {
            throw new ApiException.Forbidden("forbidden", RolesClient.INSUFFICIENT);
        }
        roles.require(TYPE, "USE", permission);
    }

    private static long total(List<Memory> memories) {
        return memories.stream().mapToLong(Memory::tokenCount).sum();
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("Memory not found.", "Memory not found.");
    }

    private static ApiException keyExists() {
        return new ApiException.Conflict("Memory with this key already exists.");
    }
}
