package io.parley.agent.sharing;

import io.parley.common.access.AccessClient;
import org.jspecify.annotations.Nullable;

/**
 * One principal's role on an agent, named by its {@code shareId}: {@code user:<id>}, {@code group:<id>},
 * {@code role:<name>} or {@code public}.
 */
sealed interface Share permits Share.OfPrincipal, Share.Public {

    String shareId();

    /**
     * A person's, group's or role's share, with what the directory knows of them.
     *
     * @param idOnTheSource the principal's id where it comes from (the same id: Parley's directory is the source)
     */
    record OfPrincipal(String shareId, String type, String id, @Nullable String name, @Nullable String email,
                       @Nullable String avatar, @Nullable String source, String idOnTheSource, String accessRoleId)
            implements Share {

        static OfPrincipal of(AccessClient.Entry entry) {
            return new OfPrincipal(entry.type() + ":" + entry.id(), entry.type(), entry.id(), entry.name(), entry.email(),
                    entry.avatar(), entry.source(), entry.id(), entry.accessRoleId());
        }
    }

    /** The public's share. */
    record Public(String shareId, String type, @Nullable String accessRoleId) implements Share {

        static Public of(@Nullable String accessRoleId) {
            return new Public("public", "public", accessRoleId);
        }
    }
}
