/**
 * The public sign-in settings other services show in {@code /api/config} (the {@code AuthSettings} gRPC
 * service). Calls {@code balance}.
 */
@NullMarked
package io.parley.auth.settings;

import org.jspecify.annotations.NullMarked;
