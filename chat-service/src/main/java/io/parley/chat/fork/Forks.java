package io.parley.chat.fork;

import io.parley.chat.convo.Conversation;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.Message;
import io.parley.chat.message.Messages;
import io.parley.chat.support.Ids;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Forking (a part of a conversation's tree, as LibreChat's three options choose it) and duplicating
 * (the whole tree) into a new conversation of the same person. Copies get new ids, parents remapped,
 * and times strictly after their parents'. Messages are written before the conversation, so a fork
 * interrupted half-way is never visible.
 */
@Component
class Forks {

    static final Set<String> TARGET_LEVEL = Set.of("targetLevel", "default");

    private final Convos convos;
    private final Messages messages;

    Forks(Convos convos, Messages messages) {
        this.convos = convos;
        this.messages = messages;
    }

    Forked fork(CurrentUser caller, String conversationId, String messageId, String option,
                boolean splitAtTarget, String latestMessageId) {
        Conversation convo = owned(caller, conversationId);
        List<Message> all = messages.inConversation(caller.tenantId(), caller.id(), convo.conversationId());
        MessageTree tree = tree(all);
        String target = Ids.requireUuid("messageId", messageId);
        if (!tree.contains(target)) {
            throw new ApiException.NotFound("Message not found");
        }
        if (splitAtTarget) {
            String latest = Ids.requireUuid("latestMessageId", latestMessageId);
            if (!tree.contains(latest)) {
                throw new ApiException.NotFound("Message not found");
            }
            tree = tree.splitAt(target);
            target = latest;
            if (!tree.contains(target)) {
                throw ApiException.Invalid.field("latestMessageId", "must be at or below the target's level");
            }
        }
        Set<String> picked = switch (option == null ? "targetLevel" : option) {
            case "directPath" -> new LinkedHashSet<>(tree.directPath(target));
            case "includeBranches" -> tree.includeBranches(target);
            case String o when TARGET_LEVEL.contains(o) -> tree.targetLevel(target);
            default -> throw ApiException.Invalid.field("option", "must be directPath, includeBranches or targetLevel");
        };
        return copy(convo, all, tree, picked, convo.title());
    }

    Forked duplicate(CurrentUser caller, String conversationId, String title) {
        Conversation convo = owned(caller, conversationId);
        if (title != null && (title.isBlank() || title.length() > 1024)) {
            throw ApiException.Invalid.field("title", "must be 1 to 1024 characters");
        }
        List<Message> all = messages.inConversation(caller.tenantId(), caller.id(), convo.conversationId());
        MessageTree tree = tree(all);
        Set<String> everything = new LinkedHashSet<>();
        all.forEach(m -> everything.add(m.messageId()));
        return copy(convo, all, tree, everything, title != null ? title.trim() : convo.title());
    }

    /** LibreChat's answer to a fork or a duplicate: the new conversation and its messages. */
    record Forked(Conversation conversation, List<Message> messages) {
    }

    private Forked copy(Conversation convo, List<Message> all, MessageTree tree,
                                     Set<String> picked, String title) {
        String newConvoId = Ids.newId();
        Map<String, String> newIds = new HashMap<>();
        picked.forEach(id -> newIds.put(id, Ids.newId()));
        Map<String, Message> byId = new HashMap<>();
        all.forEach(m -> byId.put(m.messageId(), m));

        long base = System.currentTimeMillis();
        List<Message> copies = new ArrayList<>();
        List<String> ordered = tree.topological(picked);
        for (int i = 0; i < ordered.size(); i++) {
            String id = ordered.get(i);
            String parent = tree.parentWithin(id, picked);
            copies.add(byId.get(id).copiedAs(newIds.get(id), newConvoId,
                    Ids.NO_PARENT.equals(parent) ? Ids.NO_PARENT : newIds.get(parent), Instant.ofEpochMilli(base + i)));
        }
        messages.insertAll(copies);

        Conversation newConvo = convos.insert(convo.copiedAs(newConvoId, title, Instant.ofEpochMilli(base + ordered.size())));
        return new Forked(newConvo, copies);
    }

    private Conversation owned(CurrentUser caller, String conversationId) {
        return convos.find(caller.tenantId(), caller.id(), Ids.requireUuid("conversationId", conversationId))
                .orElseThrow(() -> new ApiException.NotFound("Conversation not found"));
    }

    private static MessageTree tree(List<Message> all) {
        return new MessageTree(all.stream().map(m -> new MessageTree.Node(m.messageId(), m.parentMessageId(),
                m.createdAt() == null ? 0 : m.createdAt().toEpochMilli())).toList());
    }
}
