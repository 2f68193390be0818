package io.parley.auth.twofa;

/**
 * What LibreChat's client sends to the 2FA routes: a TOTP code ({@code token}) or a backup code. When
 * both are given the TOTP code is the one checked, as in LibreChat.
 */
record CodeRequest(String token, String backupCode) {

    static final CodeRequest NONE = new CodeRequest(null, null);

    /** Never shows the codes. */
    @Override
    public String toString() {
        return "CodeRequest[token=" + (token == null ? "absent" : "given") + ", backupCode="
                + (backupCode == null ? "absent" : "given") + "]";
    }
}
