/**
 * agent-service's {@code Agents} as file-service asks it: whether a person may edit an agent or read a
 * file through one, an agent's files, and setting an agent's avatar or adding a file to its tool
 * resources. Calls no other feature.
 */
@NullMarked
package io.parley.file.agent;

import org.jspecify.annotations.NullMarked;
