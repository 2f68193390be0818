package io.parley.chat.support;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import org.springframework.stereotype.Component;

/** Token counts of message text with OpenAI's cl100k_base, as LibreChat reports them. */
@Component
public class TokenCounter {

    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /**
     * The longest start of {@code text} that is at most {@code maxTokens} tokens, never ending inside a
     * character; only that much of the text is encoded.
     */
    public String truncate(String text, int maxTokens) {
        if (maxTokens <= 0 || text.isEmpty()) {
            return "";
        }
        EncodingResult start = encoding.encodeOrdinary(text, maxTokens);
        return start.isTruncated() ? text.substring(0, start.getLastProcessedCharacterIndex() + 1) : text;
    }
}
