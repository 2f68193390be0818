/**
 * An installation operator's way in: the operator key ({@code PARLEY_OPERATOR_KEY}) exchanged for a
 * short-lived ADMIN token of one tenant, good on the admin routes only. Calls {@code token}.
 */
@NullMarked
package io.parley.auth.operator;

import org.jspecify.annotations.NullMarked;
