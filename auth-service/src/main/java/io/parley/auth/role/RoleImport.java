package io.parley.auth.role;

import static io.parley.common.imports.SourceFields.document;
import static io.parley.common.imports.SourceFields.requiredText;

import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.LibreChatImporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code roles}: each role's permissions as its admins left them, ADMIN and USER included. A role
 * the tenant lacks is created; one it has takes LibreChat's values where they differ (an ADMIN runs the import
 * to carry LibreChat's settings over), and is present when they are the same, so a second run changes nothing.
 * Permissions Parley does not have are dropped with a warning. librechat.yaml's {@code interface} still wins
 * at the next start, as it does in LibreChat.
 */
@Component
class RoleImport implements LibreChatImporter<RoleImport.ImportedRole> {

    private final RoleStore roles;
    private final Clock clock = Clock.systemUTC();

    RoleImport(RoleStore roles) {
        this.roles = roles;
    }

    /** A role's name with LibreChat's permissions laid over the role's defaults. */
    record ImportedRole(String name, Map<String, Map<String, Boolean>> permissions) {
    }

    @Override
    public String collection() {
        return "roles";
    }

    @Override
    public Mapped<ImportedRole> map(String tenantId, Document source) {
        String name = requiredText(source, "name");
        if (name.length() > 100) {
            throw new ImportSkipped("its name is longer than 100 characters");
        }
        Document stored = document(source, "permissions");
        Map<String, Map<String, Boolean>> given = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        if (stored != null) {
            stored.forEach((type, values) -> {
                List<String> known = Permissions.CATALOG.get(type);
                if (known == null || !(values instanceof Map<?, ?> map)) {
                    unknown.add(type);
                    return;
                }
                Map<String, Boolean> typed = new LinkedHashMap<>();
                map.forEach((permission, value) -> {
                    if (known.contains(String.valueOf(permission)) && value instanceof Boolean b) {
                        typed.put(String.valueOf(permission), b);
                    } else {
                        unknown.add(type + "." + permission);
                    }
                });
                given.put(type, typed);
            });
        }
        List<String> warnings = unknown.isEmpty() ? List.of()
                : List.of("permissions Parley does not have were left out: " + String.join(", ", unknown));
        return new Mapped<>(name, new ImportedRole(name, Permissions.merged(Permissions.defaults(name), given)), warnings);
    }

    /** Roles the tenant has with the same permissions. */
    @Override
    public Set<String> present(String tenantId, List<Mapped<ImportedRole>> items) {
        Map<String, Role> stored = roles.all(tenantId).stream().collect(Collectors.toMap(Role::name, r -> r));
        return items.stream().filter(item -> {
            Role role = stored.get(item.key());
            return role != null && Permissions.merged(Permissions.defaults(role.name()), role.permissions())
                    .equals(item.value().permissions());
        }).map(Mapped::key).collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<ImportedRole>> items) {
        return items.stream().map(item -> {
            ImportedRole role = item.value();
            roles.findOrCreate(tenantId, role.name(), role.permissions(), clock.instant());
            role.permissions().forEach((type, values) ->
                    roles.setPermissions(tenantId, role.name(), type, values, clock.instant()));
            return Written.WRITTEN;
        }).toList();
    }
}
