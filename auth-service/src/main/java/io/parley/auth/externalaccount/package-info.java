/**
 * Which Parley user a provider account is: the stored links (LibreChat's {@code googleId}, {@code openidId},
 * …), linking by verified e-mail, social registration, and copying a new account's provider picture to
 * file-service. Calls {@code identityprovider}, {@code user} and {@code token}.
 */
@NullMarked
package io.parley.auth.externalaccount;

import org.jspecify.annotations.NullMarked;
