/**
 * Bans checked once a sign-in knows who the person is (the gateway can only ban the address of a sign-in
 * request).
 */
@NullMarked
package io.parley.auth.ban;

import org.jspecify.annotations.NullMarked;
