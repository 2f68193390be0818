package io.parley.migrate;

/** Why the migration cannot go on, in one line for the operator; the command exits with 1. */
final class MigrationStopped extends RuntimeException {

    MigrationStopped(String message) {
        super(message, null, false, false);
    }
}
