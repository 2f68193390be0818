/**
 * The error vocabulary of every service: the sealed {@code ApiException}, LibreChat's JSON error body and the
 * one HTTP mapping.
 */
@NullMarked
package io.parley.common.error;

import org.jspecify.annotations.NullMarked;
