/**
 * ACL entries and the permission bits they grant (LibreChat's {@code aclentries}/{@code accessroles}): the
 * {@code /api/permissions} routes and the {@code Access} gRPC service other services ask. Calls {@code user},
 * {@code group} and {@code role}.
 */
@NullMarked
package io.parley.auth.access;

import org.jspecify.annotations.NullMarked;
