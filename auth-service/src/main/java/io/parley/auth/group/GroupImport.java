package io.parley.auth.group;

import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.texts;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.LibreChatImporter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code groups}, under their ids (ACL entries name them) with their members. Parley keeps local
 * groups only: a group LibreChat synced from Entra ID comes in as a local group with the members it had.
 */
@Component
class GroupImport implements LibreChatImporter<Group> {

    private final GroupStore groups;

    GroupImport(GroupStore groups) {
        this.groups = groups;
    }

    @Override
    public String collection() {
        return "groups";
    }

    @Override
    public Mapped<Group> map(String tenantId, Document source) {
        String name = requiredText(source, "name").trim();
        if (name.length() > Groups.MAX_NAME) {
            throw new ImportSkipped("its name is longer than " + Groups.MAX_NAME + " characters");
        }
        String description = text(source, "description");
        if (description != null && description.length() > Groups.MAX_DESCRIPTION) {
            throw new ImportSkipped("its description is longer than " + Groups.MAX_DESCRIPTION + " characters");
        }
        String source0 = text(source, "source");
        List<String> warnings = source0 == null || Group.LOCAL.equals(source0) ? List.of()
                : List.of("synced from " + source0 + " in LibreChat; kept as a local group with the members it had");
        Group group = new Group(objectId(source), tenantId, name, description, List.copyOf(new java.util.LinkedHashSet<>(texts(source, "memberIds"))),
                Group.LOCAL, createdAt(source), updatedAt(source));
        return new Mapped<>(group.id().toHexString(), group, warnings);
    }

    @Override
    public Set<String> present(String tenantId, List<Mapped<Group>> items) {
        return groups.byIds(tenantId, items.stream().map(Mapped::key).toList()).stream()
                .map(group -> group.id().toHexString()).collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<Group>> items) {
        return items.stream().map(item -> {
            if (groups.insert(item.value()).isPresent()) {
                return Written.WRITTEN;
            }
            if (groups.byId(tenantId, item.key()).isPresent()) {
                return Written.PRESENT;
            }
            boolean nameTaken = groups.list(tenantId, null).stream().anyMatch(g -> g.name().equals(item.value().name()));
            return Written.skipped(nameTaken ? "the tenant has another group of this name"
                    : "its _id is held by a group of another tenant");
        }).toList();
    }
}
