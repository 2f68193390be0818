/**
 * Sharing an agent with people, groups, roles or the public: the specification's share routes over
 * auth-service's ACL, which LibreChat's {@code /api/permissions} edits too. Stores nothing; calls the
 * agents' API in {@code io.parley.agent.definition} and {@code io.parley.agent.support}.
 */
@NullMarked
package io.parley.agent.sharing;

import org.jspecify.annotations.NullMarked;
