package io.parley.file.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.common.error.ApiException;
import io.parley.file.TestDocuments;
import io.parley.file.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Reading the text of real documents of every kind "Upload as Text" takes, within its bounds. */
class TextExtractionTest {

    private TextExtraction extraction = extraction(1_000_000, Duration.ofSeconds(30), 2);

    @AfterEach
    void stop() {
        extraction.destroy();
    }

    @Test
    void readsTheTextOfAWordDocument() {
        String text = extract(TestDocuments.docx("Quarterly report", "Revenue grew by 12 percent."), "report.docx",
                TestDocuments.DOCX);

        assertThat(text).contains("Quarterly report").contains("Revenue grew by 12 percent.");
    }

    @Test
    void readsTheCellsOfASpreadsheet() {
        String text = extract(TestDocuments.xlsx("Prices", new String[] {"item", "price"}, new String[] {"apple", "1.20"}),
                "prices.xlsx", TestDocuments.XLSX);

        assertThat(text).contains("Prices").contains("apple").contains("1.20").contains("price");
    }

    @Test
    void readsTheSlidesOfAPresentation() {
        String text = extract(TestDocuments.pptx("Roadmap 2027", "Ship the importer"), "deck.pptx", TestDocuments.PPTX);

        assertThat(text).contains("Roadmap 2027").contains("Ship the importer");
    }

    @Test
    void readsTheTextOfAPdf() {
        String text = extract(TestDocuments.pdf("First page text", "Second page text"), "paper.pdf", "application/pdf");

        assertThat(text).contains("First page text").contains("Second page text");
    }

    @Test
    void readsTheTextOfHtmlWithoutItsMarkupOrScripts() {
        String text = extract(("<html><head><title>T</title><script>var secret = 1;</script></head>"
                + "<body><h1>Release notes</h1><p>Fixed <b>the</b> importer.</p></body></html>").getBytes(StandardCharsets.UTF_8),
                "notes.html", "text/html");

        assertThat(text).contains("Release notes").contains("Fixed the importer.").doesNotContain("<p>")
                .doesNotContain("secret");
    }

    @Test
    void keepsPlainTextMarkdownCsvAndJsonAsTheyAre() {
        String markdown = "# Title\n\n* one\n* two\n";
        String csv = "name,age\nAda,36\n";
        String json = "{\"name\": \"Ada\", \"tags\": [\"math\"]}\n";

        assertThat(extract(markdown.getBytes(StandardCharsets.UTF_8), "a.md", "text/markdown")).isEqualTo(markdown);
        assertThat(extract(csv.getBytes(StandardCharsets.UTF_8), "a.csv", "text/csv")).isEqualTo(csv);
        assertThat(extract(json.getBytes(StandardCharsets.UTF_8), "a.json", "application/json")).isEqualTo(json);
        assertThat(extract("plain words\n".getBytes(StandardCharsets.UTF_8), "a.txt", "text/plain")).isEqualTo("plain words\n");
    }

    @Test
    void readsPlainTextInTheEncodingItsBytesShow() {
        String german = "Größenänderung der Übersicht, schöne Grüße aus Köln und Düsseldorf.\n".repeat(20);

        String text = extract(german.getBytes(Charset.forName("windows-1252")), "de.txt", "text/plain");

        assertThat(text).isEqualTo(german);
    }

    @Test
    void cutsTheTextAtTheCharacterLimitAndSaysSo() {
        extraction = extraction(1_000, Duration.ofSeconds(30), 2);
        String paragraph = "All work and no play makes a dull report. ";

        TextExtraction.Extracted fromText = extraction.extract(stream(paragraph.repeat(100).getBytes(StandardCharsets.UTF_8)),
                4_200, "long.txt", "text/plain");
        byte[] docx = TestDocuments.docx(paragraph.repeat(100), paragraph.repeat(100));
        TextExtraction.Extracted fromWord = extraction.extract(stream(docx), docx.length, "long.docx", TestDocuments.DOCX);

        assertThat(fromText.truncated()).isTrue();
        assertThat(fromText.text()).hasSize(1_000);
        assertThat(fromWord.truncated()).isTrue();
        assertThat(fromWord.text().length()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
    }

    @Test
    void neverCutsACharacterInHalf() {
        extraction = extraction(5, Duration.ofSeconds(30), 2);

        TextExtraction.Extracted cut = extraction.extract(stream("abcd😀😀".getBytes(StandardCharsets.UTF_8)), 12, "e.txt",
                "text/plain");

        assertThat(cut.text()).isEqualTo("abcd");
    }

    @Test
    void anImageOrAScanWithoutTextIsRefusedWithLibreChatsMessage() {
        assertThatThrownBy(() -> extract(TestImages.png(32, 32), "photo.png", "image/png"))
                .isInstanceOf(ApiException.Invalid.class)
                .hasMessage("Unable to extract text from \"photo.png\". The document may be image-based and requires an OCR "
                        + "service to process.");
        assertThatThrownBy(() -> extract(TestDocuments.blankPdf(), "scan.pdf", "application/pdf"))
                .isInstanceOf(ApiException.Invalid.class).hasMessageStartingWith("Unable to extract text from \"scan.pdf\".");
    }

    @Test
    void aDamagedDocumentIsRefusedLikeOneWithoutText() {
        byte[] pdf = TestDocuments.pdf("Some text");
        byte[] damaged = java.util.Arrays.copyOf(pdf, 40);

        assertThatThrownBy(() -> extract(damaged, "broken.pdf", "application/pdf")).isInstanceOf(ApiException.Invalid.class)
                .hasMessageStartingWith("Unable to extract text from \"broken.pdf\".");
    }

    @Test
    void aZipBombOfficeDocumentIsRefusedInsteadOfInflated() {
        byte[] bomb = TestDocuments.docxBomb(20);
        assertThat(bomb.length).as("a few kilobytes that inflate to 20 MB").isLessThan(100_000);

        assertThatThrownBy(() -> extract(bomb, "bomb.docx", TestDocuments.DOCX)).isInstanceOf(ApiException.Invalid.class);
    }

    @Test
    void aDocumentOverTheSizeLimitIsNotRead() {
        assertThatThrownBy(() -> extraction.extract(stream(new byte[0]), DataSize.ofMegabytes(65).toBytes(), "big.pdf",
                "application/pdf")).isInstanceOf(ApiException.TooLarge.class)
                .hasMessage("File size limit of 64 MB exceeded for text extraction");
    }

    @Test
    void aDocumentThatNeverEndsIsAbandonedAtTheTimeoutAndKeepsItsPlaceUntilItStops() {
        extraction = extraction(1_000_000, Duration.ofMillis(300), 1);
        Stuck stuck = new Stuck();

        long started = System.nanoTime();
        assertThatThrownBy(() -> extraction.extract(stuck, 1_000, "slow.txt", "text/plain"))
                .isInstanceOf(ApiException.Unprocessable.class)
                .hasMessage("Reading the text of \"slow.txt\" took longer than 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        // the abandoned read still holds the only place: the next one waits its timeout and is turned away
        assertThatThrownBy(() -> extract("next\n".getBytes(StandardCharsets.UTF_8), "next.txt", "text/plain"))
                .isInstanceOf(ApiException.Unavailable.class);
        stuck.release();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(extract("next\n".getBytes(StandardCharsets.UTF_8), "next.txt", "text/plain")).isEqualTo("next\n"));
    }

    private String extract(byte[] content, String filename, String type) {
        return extraction.extract(stream(content), content.length, filename, type).text();
    }

    private static InputStream stream(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    private static TextExtraction extraction(int maxCharacters, Duration timeout, int concurrency) {
        return new TextExtraction(new TextProperties(maxCharacters, timeout, concurrency, DataSize.ofMegabytes(64),
                DataSize.ofMegabytes(64)));
    }

    /** A stream that sends nothing until released (or interrupted), as a peer that stalls would. */
    private static final class Stuck extends InputStream {
        private final CountDownLatch released = new CountDownLatch(1);

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            try {
                released.await();
            } catch (InterruptedException e) {
                // the extraction gave up on us: stay stuck like a parser that ignores interrupts would
                try {
                    released.await();
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
            }
            return -1;
        }
    }
}
