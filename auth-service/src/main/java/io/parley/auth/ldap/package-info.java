/**
 * Sign-in against an LDAP directory, and the accounts it makes. Calls {@code login} and {@code user}.
 */
@NullMarked
package io.parley.auth.ldap;

import org.jspecify.annotations.NullMarked;
