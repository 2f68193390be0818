package io.parley.chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.support.TokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents' block as the model reads it: LibreChat's frame, each under its name, within the token budget. */
class DocumentContextTest {

    private final TokenCounter tokens = new TokenCounter();

    @Test
    void framesEachDocumentUnderItsNameAsLibreChatDoes() {
        String block = attachments(100_000).documents(List.of(new FileText("a.md", "Alpha."), new FileText("b.txt", "Beta.")),
                10_000);

        assertThat(block).isEqualTo("Attached document(s):\n```md\n# \"a.md\"\nAlpha.\n\n---\n\n# \"b.txt\"\nBeta.\n```");
    }

    @Test
    void cutsToTheBudgetAndLeavesOutWhatNoLongerFits() {
        String longText = "lorem ipsum ".repeat(2_000);

        String block = attachments(100_000).documents(List.of(new FileText("long.txt", longText),
                new FileText("later.txt", "never read")), 300);

        assertThat(tokens.count(block)).isLessThanOrEqualTo(300).isGreaterThan(250);
        assertThat(block).contains("# \"long.txt\"\nlorem ipsum").doesNotContain("later.txt").endsWith("```");
    }

    @Test
    void fileTokenLimitCapsTheBlockWhateverTheWindowLeaves() {
        String block = attachments(120).documents(List.of(new FileText("long.txt", "lorem ipsum ".repeat(2_000))), 50_000);

        assertThat(tokens.count(block)).isLessThanOrEqualTo(120);
    }

    @Test
    void noTextNoRoomOrALimitOfZeroGiveNothing() {
        List<FileText> one = List.of(new FileText("a.md", "Alpha."));

        assertThat(attachments(100_000).documents(List.of(), 1_000)).isEmpty();
        assertThat(attachments(100_000).documents(one, 0)).isEmpty();
        assertThat(attachments(100_000).documents(one, 5)).as("not even the frame fits").isEmpty();
        assertThat(attachments(0).documents(one, 1_000)).as("LibreChat sends none with fileTokenLimit 0").isEmpty();
    }

    private Attachments attachments(int fileTokenLimit) {
        // the block is made from texts already fetched: file-service is not asked
        return new Attachments(null, tokens, new FileContextProperties(fileTokenLimit));
    }
}
