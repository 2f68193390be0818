package io.parley.auth.imports;

import static io.parley.common.imports.SourceFields.bool;
import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.document;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;
import static io.parley.common.imports.SourceFields.updatedAt;

import io.parley.auth.externalaccount.ExternalAccounts;
import io.parley.auth.ldap.LdapImportedLinks;
import io.parley.auth.role.Roles;
import io.parley.auth.user.Favorite;
import io.parley.auth.user.Personalization;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.imports.ImportSkipped;
import io.parley.common.imports.LibreChatImporter;
import io.parley.common.imports.SourceFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code users}: the person keeps their id (so every conversation, agent and file stays theirs),
 * their bcrypt hash (accepted at sign-in and replaced by Argon2id then), role, verified flag, terms, favorites,
 * plugins and memories switch, and their provider accounts become sign-in links. Not carried over: sessions (a
 * person signs in again), a two-factor enrolment (its secret is sealed with LibreChat's {@code CREDS_KEY}: the
 * account is written with two-factor off and a warning says so), a picture stored in LibreChat's own folder.
 */
@Component
class UserImport implements LibreChatImporter<UserImport.Person> {

    /** LibreChat's own check of an address (its user schema's {@code match}). */
    private static final Pattern EMAIL = Pattern.compile("\\S+@\\S+\\.\\S+");
    /** LibreChat's provider id fields and the provider names Parley's sign-in links use. */
    private static final Map<String, String> PROVIDERS = Map.of("googleId", "google", "githubId", "github",
            "discordId", "discord", "facebookId", "facebook", "openidId", "openid");
    /** Providers LibreChat has and Parley does not serve: the person signs in another way. */
    private static final Map<String, String> UNSERVED = Map.of("appleId", "Apple", "samlId", "SAML");

    private final Users users;
    private final Roles roles;
    private final ExternalAccounts externalAccounts;
    private final LdapImportedLinks ldapLinks;

    UserImport(Users users, Roles roles, ExternalAccounts externalAccounts, LdapImportedLinks ldapLinks) {
        this.users = users;
        this.roles = roles;
        this.externalAccounts = externalAccounts;
        this.ldapLinks = ldapLinks;
    }

    /** A person ready to store, with the provider accounts to link first. */
    record Person(User user, Map<String, String> links, String ldapId) {
    }

    @Override
    public String collection() {
        return "users";
    }

    @Override
    public Mapped<Person> map(String tenantId, Document source) {
        ObjectId id = SourceFields.objectId(source);
        String email = requiredText(source, "email").trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new ImportSkipped("email is not an address");
        }
        List<String> warnings = new ArrayList<>();
        String password = text(source, "password");
        if (password != null && !password.startsWith("$2")) {
            warnings.add("the password hash is not bcrypt and was not kept: the person resets their password");
            password = null;
        }
        String username = text(source, "username");
        username = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        String name = text(source, "name");
        if (name == null || name.isBlank()) {
            name = username.isEmpty() ? email.substring(0, email.indexOf('@')) : username;
        }
        String avatar = text(source, "avatar");
        if (avatar != null && !avatar.startsWith("https://") && !avatar.startsWith("http://")) {
            warnings.add("the picture stored in LibreChat's own folder was not copied: the person uploads it again");
            avatar = null;
        }
        String role = text(source, "role");
        role = role == null || role.isBlank() ? User.USER : role;
        if (!roles.exists(tenantId, role)) {
            warnings.add("the role " + role + " is not one of the tenant's roles: it grants nothing until it is created");
        }
        boolean twoFactor = bool(source, "twoFactorEnabled", false);
        if (twoFactor) {
            warnings.add("two-factor authentication was not carried over (its secret is sealed with LibreChat's "
                    + "CREDS_KEY): the account signs in with its password until the person enrols again");
        }
        Map<String, String> links = new LinkedHashMap<>();
        PROVIDERS.forEach((field, provider) -> {
            String subject = text(source, field);
            if (subject != null && !subject.isBlank()) {
                links.put(provider, subject);
            }
        });
        UNSERVED.forEach((field, provider) -> {
            if (text(source, field) != null) {
                warnings.add("its " + provider + " sign-in is not served by Parley");
            }
        });
        String ldapId = text(source, "ldapId");
        Document personalization = document(source, "personalization");
        Boolean memories = personalization != null && personalization.get("memories") instanceof Boolean b ? b : null;
        User user = new User(id, tenantId, name, username, email, bool(source, "emailVerified", false), password, avatar,
                text(source, "provider") == null ? "local" : text(source, "provider"), role, plugins(source),
                false, bool(source, "termsAccepted", false), favorites(source), createdAt(source), updatedAt(source),
                memories == null ? null : new Personalization(memories));
        return new Mapped<>(id.toHexString(), new Person(user, links, ldapId == null || ldapId.isBlank() ? "" : ldapId),
                warnings);
    }

    @Override
    public Set<String> present(String tenantId, List<Mapped<Person>> items) {
        return users.byIds(tenantId, items.stream().map(Mapped::key).toList()).stream().map(User::idString)
                .collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<Person>> items) {
        return items.stream().map(item -> write(tenantId, item.value())).toList();
    }

    /**
     * The links first, then the person: a run cut off in between leaves links to an id no account has yet,
     * which the next run's insert completes; a person who cannot be stored takes their new links back.
     */
    private Written write(String tenantId, Person person) {
        User user = person.user();
        List<String> linked = new ArrayList<>();
        for (Map.Entry<String, String> link : person.links().entrySet()) {
            if (!externalAccounts.linkImported(tenantId, link.getKey(), link.getValue(), user.idString())) {
                undo(tenantId, person, linked, false);
                return Written.skipped("its " + link.getKey() + " account is linked to another person of the tenant");
            }
            linked.add(link.getKey());
        }
        if (!person.ldapId().isEmpty() && !ldapLinks.link(tenantId, person.ldapId(), user.idString())) {
            undo(tenantId, person, linked, false);
            return Written.skipped("its directory (LDAP) account is linked to another person of the tenant");
        }
        if (users.insert(user)) {
            return Written.WRITTEN;
        }
        if (users.byId(tenantId, user.idString()).isPresent()) {
            return Written.PRESENT;
        }
        undo(tenantId, person, linked, true);
        return users.byEmail(tenantId, user.email())
                .map(other -> Written.skipped("another account of the tenant (" + other.idString()
                        + ") has this e-mail"))
                .orElseGet(() -> Written.skipped("its _id is held by an account of another tenant"));
    }

    private void undo(String tenantId, Person person, List<String> linked, boolean ldapLinked) {
        String userId = person.user().idString();
        linked.forEach(provider -> externalAccounts.unlinkImported(tenantId, provider, person.links().get(provider), userId));
        if (ldapLinked && !person.ldapId().isEmpty()) {
            ldapLinks.unlink(tenantId, person.ldapId(), userId);
        }
    }

    private static List<String> plugins(Document source) {
        try {
            return SourceFields.texts(source, "plugins");
        } catch (ImportSkipped e) {
            return List.of();
        }
    }

    private static List<Favorite> favorites(Document source) {
        if (!(source.get("favorites") instanceof List<?> stored)) {
            return List.of();
        }
        List<Favorite> out = new ArrayList<>();
        for (Object item : stored) {
            if (item instanceof Document f) {
                out.add(new Favorite(text(f, "agentId"), text(f, "model"), text(f, "endpoint"), text(f, "spec")));
            }
        }
        return out;
    }
}
