/**
 * Password hashing (bcrypt, as LibreChat stores it).
 */
@NullMarked
package io.parley.auth.password;

import org.jspecify.annotations.NullMarked;
