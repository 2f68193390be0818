package io.parley.auth.user;

/**
 * Body of {@code POST|PATCH /api/user}: the fields a person may change about themselves. Anything
 * else sent (e-mail, role, password, provider…) is not read.
 */
record ProfileUpdate(String name, String username) {
}
