/**
 * Erasing a deleted account's chat data: stops its running generations, then asks each feature ({@code
 * share}, {@code message}, {@code convo}, {@code tag}, {@code project}, {@code preset}, {@code prompt}, {@code key}, {@code memory}) to forget the person.
 */
@NullMarked
package io.parley.chat.account;

import org.jspecify.annotations.NullMarked;
