/**
 * auth-service: accounts, sign-in, tokens and keys, roles, groups, ACLs and balances. Each subpackage is one
 * feature; this package holds what they all read (the tenant of an unauthenticated request, the service's
 * settings).
 */
@NullMarked
package io.parley.auth;

import org.jspecify.annotations.NullMarked;
