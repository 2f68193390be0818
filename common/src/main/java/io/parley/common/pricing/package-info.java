/**
 * Model prices after LibreChat's {@code tx} tables: the one table auth-service settles turns at and chat-service
 * shows in its token config.
 */
@NullMarked
package io.parley.common.pricing;

import org.jspecify.annotations.NullMarked;
