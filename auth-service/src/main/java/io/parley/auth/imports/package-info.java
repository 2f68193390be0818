/**
 * LibreChat's {@code users} brought in by {@code ./parley migrate-librechat}: a person with their id, password
 * hash, role and sign-in links, which span the {@code user}, {@code externalaccount} and {@code ldap} features.
 * The other auth-service collections are imported by their own features. Calls {@code user},
 * {@code externalaccount}, {@code ldap} and {@code role}.
 */
@NullMarked
package io.parley.auth.imports;

import org.jspecify.annotations.NullMarked;
