package io.parley.auth.access;

import static io.parley.common.imports.SourceFields.hexId;
import static io.parley.common.imports.SourceFields.instant;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;

import io.parley.common.error.ApiException;
import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.LibreChatImporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code aclentries} on the resources Parley migrates (agents, prompt groups, shared links, whose
 * ids are kept): who may view, edit, delete or share what. LibreChat names the access role by a reference to
 * its {@code accessroles} document; Parley's access roles are fixed per resource type, so an entry takes the
 * role its bits make (1 viewer, 3 editor, 15 owner). Entries with other bits, inherited entries and entries on
 * resources Parley does not migrate are skipped with the reason.
 */
@Component
class AclEntryImport implements LibreChatImporter<AclEntry> {

    private static final Set<ResourceType> MIGRATED = Set.of(ResourceType.AGENT, ResourceType.PROMPT_GROUP,
            ResourceType.SHARED_LINK);

    private final MongoTemplate mongo;

    AclEntryImport(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String collection() {
        return "aclentries";
    }

    @Override
    public Mapped<AclEntry> map(String tenantId, Document source) {
        String typeName = requiredText(source, "resourceType");
        ResourceType type;
        try {
            type = ResourceType.parse(typeName);
        } catch (ApiException.Invalid e) {
            throw new ImportSkipped("Parley has no resource type " + typeName);
        }
        if (!MIGRATED.contains(type)) {
            throw new ImportSkipped("its " + typeName + " is not migrated");
        }
        if (source.get("inheritedFrom") != null) {
            throw new ImportSkipped("inherited from another resource, which Parley's ACL does not have");
        }
        List<String> warnings = new ArrayList<>();
        Instant expires = instant(source, "expiredAt");
        if (expires != null) {
            if (!expires.isAfter(Instant.now())) {
                throw new ImportSkipped("expired");
            }
            warnings.add("it expired at " + expires + " in LibreChat; Parley's entries do not expire");
        }
        Principal principal = principal(source);
        Double bits = number(source, "permBits");
        int permBits = bits == null ? PermissionBits.VIEW : bits.intValue();
        AccessRole role = type.roles().stream().filter(r -> r.permBits() == permBits).findFirst()
                .orElseThrow(() -> new ImportSkipped("its bits " + permBits + " make none of Parley's "
                        + typeName + " access roles (viewer, editor, owner)"));
        if (principal.type() == Principal.Type.PUBLIC && role.equals(type.owner())) {
            throw new ImportSkipped("the public cannot own a resource");
        }
        String resourceId = requiredHexId(source, "resourceId");
        String grantedBy = hexId(source, "grantedBy");
        Instant grantedAt = instant(source, "grantedAt");
        AclEntry entry = new AclEntry(objectId(source), tenantId, principal.type().wireName(), principal.id(),
                type.wireName(), resourceId, role.permBits(), role.accessRoleId(), grantedBy,
                grantedAt != null ? grantedAt : io.parley.common.imports.SourceFields.createdAt(source));
        return new Mapped<>(key(entry), entry, warnings);
    }

    private static Principal principal(Document source) {
        String type = requiredText(source, "principalType");
        return switch (type) {
            case "public" -> Principal.PUBLIC;
            case "user" -> Principal.user(requiredHexId(source, "principalId"));
            case "group" -> Principal.group(requiredHexId(source, "principalId"));
            case "role" -> Principal.role(requiredText(source, "principalId"));
            default -> throw new ImportSkipped("Parley has no principal type " + text(source, "principalType"));
        };
    }

    private static String key(AclEntry entry) {
        return entry.resourceType() + "/" + entry.resourceId() + "/" + entry.principalType() + "/" + entry.principalId();
    }

    @Override
    public Set<String> present(String tenantId, List<Mapped<AclEntry>> items) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId)
                .and("resourceId").in(items.stream().map(item -> item.value().resourceId()).distinct().toList());
        Set<String> wanted = items.stream().map(Mapped::key).collect(Collectors.toSet());
        return mongo.find(Query.query(criteria), AclEntry.class).stream().map(AclEntryImport::key)
                .filter(wanted::contains).collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<AclEntry>> items) {
        return items.stream().map(item -> {
            try {
                mongo.insert(item.value());
                return Written.WRITTEN;
            } catch (DuplicateKeyException e) {
                return present(tenantId, List.of(item)).isEmpty()
                        ? Written.skipped("its _id is held by an entry of another tenant") : Written.PRESENT;
            }
        }).toList();
    }
}
