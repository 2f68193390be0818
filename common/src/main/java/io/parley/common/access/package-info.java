/**
 * Clients of auth-service's access rules and role permissions for the other services, with the last known
 * answer standing in while it is unreachable.
 */
@NullMarked
package io.parley.common.access;

import org.jspecify.annotations.NullMarked;
