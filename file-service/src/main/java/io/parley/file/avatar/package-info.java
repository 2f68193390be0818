/**
 * Avatars: {@code POST /api/files/images/avatar} (and the seed's {@code /api/user/avatar}) set on the person in
 * auth-service, {@code POST /api/files/images/agents/:agent_id/avatar} set on the agent in agent-service;
 * {@code AvatarImages} checks, re-encodes and stores the picture. Calls {@code files}, {@code agent},
 * {@code image}, {@code limits}, {@code scan} and {@code storage}.
 */
@NullMarked
package io.parley.file.avatar;

import org.jspecify.annotations.NullMarked;
