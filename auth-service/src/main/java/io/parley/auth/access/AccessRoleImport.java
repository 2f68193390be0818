package io.parley.auth.access;

import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.requiredText;

import io.parley.common.error.ApiException;
import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.LibreChatImporter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code accessroles}: Parley's access roles are built in (the same names and bits for agents,
 * prompt groups, MCP servers and shared links), so a LibreChat role that is one of them is present and
 * nothing is written; any other (another resource type, other bits) is skipped with the reason. ACL
 * entries are mapped by their bits ({@link AclEntryImport}).
 */
@Component
class AccessRoleImport implements LibreChatImporter<AccessRole> {

    @Override
    public String collection() {
        return "accessroles";
    }

    @Override
    public Mapped<AccessRole> map(String tenantId, Document source) {
        String id = requiredText(source, "accessRoleId");
        String typeName = requiredText(source, "resourceType");
        ResourceType type;
        try {
            type = ResourceType.parse(typeName);
        } catch (ApiException.Invalid e) {
            throw new ImportSkipped("Parley has no resource type " + typeName);
        }
        Double bits = number(source, "permBits");
        AccessRole role = type.roles().stream().filter(r -> r.accessRoleId().equals(id)).findFirst()
                .orElseThrow(() -> new ImportSkipped("not one of Parley's built-in access roles"));
        if (bits == null || bits.intValue() != role.permBits()) {
            throw new ImportSkipped("its bits differ from Parley's built-in " + id + " (" + role.permBits() + ")");
        }
        return Mapped.of(id, role);
    }

    /** Every role that maps is built in. */
    @Override
    public Set<String> present(String tenantId, List<Mapped<AccessRole>> items) {
        return items.stream().map(Mapped::key).collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<AccessRole>> items) {
        return items.stream().map(item -> Written.PRESENT).toList();
    }
}
