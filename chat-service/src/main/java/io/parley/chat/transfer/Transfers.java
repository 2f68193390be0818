package io.parley.chat.transfer;

import io.parley.chat.message.ContentPart;
import io.parley.chat.convo.Conversation;
import io.parley.chat.convo.Convos;
import io.parley.chat.message.Message;
import io.parley.chat.message.Messages;
import io.parley.chat.support.Ids;
import io.parley.chat.support.TokenCounter;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Importing conversations read by {@link Importers} as the caller's own (fresh ids, parents
 * remapped), and exporting one in LibreChat's format so that export → import round-trips. For each
 * conversation the messages are written before the conversation, so an interrupted import never
 * shows half a conversation.
 */
@Component
class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    private final Convos convos;
    private final Messages messages;
    private final TokenCounter tokens;

    Transfers(Convos convos, Messages messages, TokenCounter tokens) {
        this.convos = convos;
        this.messages = messages;
        this.tokens = tokens;
    }

    int importAll(CurrentUser caller, List<Imported> conversations) {
        for (Imported imported : conversations) {
            String convoId = Ids.newId();
            Map<String, String> ids = new HashMap<>();
            imported.messages().forEach(m -> ids.put(m.sourceId() == null ? Ids.newId() : m.sourceId(), Ids.newId()));
            long base = System.currentTimeMillis();
            List<Message> copies = new ArrayList<>();
            for (int i = 0; i < imported.messages().size(); i++) {
                Imported.Message m = imported.messages().get(i);
                String parent = m.sourceParentId() != null && ids.containsKey(m.sourceParentId())
                        ? ids.get(m.sourceParentId()) : Ids.NO_PARENT;
                Instant at = m.createdAt() != null ? m.createdAt() : Instant.ofEpochMilli(base + i);
                Message.Builder copy = Message.of(caller.tenantId(), caller.id())
                        .messageId(m.sourceId() == null ? Ids.newId() : ids.get(m.sourceId()))
                        .conversationId(convoId).parentMessageId(parent)
                        .sender(m.sender()).text(m.text()).isCreatedByUser(m.isCreatedByUser())
                        .model(m.model()).endpoint(imported.endpoint()).error(false)
                        .unfinished(false).tokenCount(tokens.count(m.text()))
                        .createdAt(at).updatedAt(at);
                if (m.content() != null) {
                    copy.content(m.content().stream().map(ContentPart::of).toList());
                }
                copies.add(copy.build());
            }
            messages.insertAll(copies);
            Instant created = imported.createdAt() != null ? imported.createdAt() : Instant.ofEpochMilli(base);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("conversationId", convoId);
            fields.put("title", imported.title());
            fields.put("endpoint", imported.endpoint());
            fields.put("model", imported.model());
            fields.put("isArchived", false);
            fields.put("tags", List.of());
            fields.put("createdAt", created);
            fields.put("updatedAt", Message.now());
            convos.insert(Conversation.of(caller.tenantId(), caller.id(), null, fields));
        }
        log.info("Conversations imported tenant_id={} user_id={} count={}", caller.tenantId(), caller.id(), conversations.size());
        return conversations.size();
    }

    /** LibreChat's export shape with the flat message list. */
    Map<String, Object> export(CurrentUser caller, String conversationId) {
        String id = Ids.requireUuid("conversationId", conversationId);
        Conversation convo = convos.find(caller.tenantId(), caller.id(), id)
                .orElseThrow(() -> new ApiException.NotFound("Conversation not found"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", id);
        out.put("title", convo.title());
        out.put("endpoint", convo.endpoint());
        out.put("options", Map.of("endpoint", String.valueOf(convo.endpoint()), "model", String.valueOf(convo.model())));
        out.put("exportAt", Instant.now());
        out.put("branches", true);
        out.put("recursive", false);
        out.put("messages", messages.inConversation(caller.tenantId(), caller.id(), id));
        return out;
    }
}
