package io.parley.auth.audit;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The export's rows. A cell a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a
 * carriage return) is prefixed with a quote mark, so an actor named {@code =HYPERLINK(…)} stays text.
 */
final class AuditCsv {

    static final String HEADER = "timestamp,seq,category,action,outcome,severity,actorType,actorId,actorName,"
            + "targetType,targetId,targetName,ip,userAgent,requestId,metadata,hash,prevHash\r\n";

    private AuditCsv() {
    }

    static String row(AuditEntry entry) {
        AuditEntry.Context context = entry.context();
        return Stream.of(entry.createdAt().toString(), Long.toString(entry.seq()), entry.category(), entry.action(),
                        entry.outcome(), entry.severity(), entry.actor().type(), entry.actor().id(), entry.actor().name(),
                        entry.target().type(), entry.target().id(), entry.target().name(),
                        context == null ? null : context.ip(), context == null ? null : context.userAgent(),
                        context == null ? null : context.requestId(), metadata(entry.metadata()), entry.hash(),
                        entry.prevHash())
                .map(AuditCsv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String metadata(Map<String, Object> metadata) {
        return new TreeMap<>(metadata).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
