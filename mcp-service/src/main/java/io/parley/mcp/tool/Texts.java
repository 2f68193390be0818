package io.parley.mcp.tool;

/**
 * Server-provided text (names, descriptions, server info) is data: returned in JSON only, never as
 * markup, and cut to a length (CVE-2026-54032 class: a server's text shown as HTML). Control
 * characters other than line breaks and tabs are dropped.
 */
public final class Texts {

    public static final int NAME = 128;
    public static final int DESCRIPTION = 4_000;

    private Texts() {
    }

    public static String limit(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .limit(max).forEach(out::appendCodePoint);
        return out.toString();
    }
}
