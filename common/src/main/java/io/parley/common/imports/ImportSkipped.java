package io.parley.common.imports;

/** A LibreChat document that cannot be mapped completely; its message is the reason the operator reads. */
public final class ImportSkipped extends RuntimeException {

    public ImportSkipped(String reason) {
        super(reason, null, false, false);
    }
}
