package io.parley.chat.admin;

import io.parley.chat.convo.Convos;
import io.parley.chat.message.Messages;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/chat/user-stats} → {@code {users:[{userId, conversations, messages}]}}: the
 * counts behind LibreChat's {@code user-stats} for every user of the caller's tenant who has any, most
 * conversations first, then most messages (its order). Names and e-mails are auth-service's; the admin
 * command joins them. ADMIN only (an operator's token is one).
 */
@RestController
class UserStatsController {

    private final Convos convos;
    private final Messages messages;

    UserStatsController(Convos convos, Messages messages) {
        this.convos = convos;
        this.messages = messages;
    }

    record UserStats(String userId, long conversations, long messages) {
    }

    record Stats(List<UserStats> users) {
    }

    @GetMapping("/api/admin/chat/user-stats")
    Stats userStats(CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw new ApiException.Forbidden("Unauthorized");
        }
        Map<String, Long> conversations = convos.countByUser(caller.tenantId());
        Map<String, Long> sent = messages.countByUser(caller.tenantId());
        Set<String> users = new HashSet<>(conversations.keySet());
        users.addAll(sent.keySet());
        return new Stats(users.stream()
                .map(user -> new UserStats(user, conversations.getOrDefault(user, 0L), sent.getOrDefault(user, 0L)))
                .sorted(Comparator.comparingLong(UserStats::conversations).reversed()
                        .thenComparing(Comparator.comparingLong(UserStats::messages).reversed())
                        .thenComparing(UserStats::userId))
                .toList());
    }
}
