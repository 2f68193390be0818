package io.parley.chat.message;

import io.parley.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifact blocks in a message's text ({@code :::artifact{…}} … {@code :::}), as LibreChat's
 * artifact editor addresses them: by their order in the text.
 */
final class Artifacts {

    private static final Pattern BLOCK = Pattern.compile(":::artifact[\\s\\S]*?\\n:::(?=\\s|$)");

    private Artifacts() {
    }

    /** Start and end of every artifact block in {@code text}. */
    static List<int[]> find(String text) {
        List<int[]> found = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            found.add(new int[] {matcher.start(), matcher.end()});
        }
        return found;
    }

    /** {@code text} with the first {@code original} inside {@code block} replaced by {@code updated}. */
    static String replace(String text, int[] block, String original, String updated) {
        String inside = text.substring(block[0], block[1]);
        int at = inside.indexOf(original);
        if (at < 0) {
            throw new ApiException.Invalid("Original content not found in target artifact");
        }
        return text.substring(0, block[0]) + inside.substring(0, at) + updated + inside.substring(at + original.length())
                + text.substring(block[1]);
    }
}
