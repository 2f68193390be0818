package io.parley.file.storage;

/** LibreChat's {@code fileStrategies} keys: each kind may live in its own storage. */
public enum FileKind {
    AVATAR, IMAGE, DOCUMENT
}
