/**
 * System capabilities (LibreChat's {@code access:admin}, {@code read:users}, {@code manage:configs}, …) and their
 * grants to roles, groups and people of a tenant ({@code /api/admin/grants}). Every admin route asks
 * {@link io.parley.auth.capability.Capabilities} for the one it needs. Calls {@code user} (who exists) and
 * {@code audit} (grants are recorded); learns group membership through {@link
 * io.parley.auth.capability.GroupMemberships}, which {@code group} implements.
 */
@NullMarked
package io.parley.auth.capability;

import org.jspecify.annotations.NullMarked;
