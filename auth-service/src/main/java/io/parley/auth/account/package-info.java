/**
 * Deleting one's account: erases auth-service's own data through every feature and announces the deletion to
 * the other services (common's {@code events}).
 */
@NullMarked
package io.parley.auth.account;

import org.jspecify.annotations.NullMarked;
