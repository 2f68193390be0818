package io.parley.file.text;

import io.parley.common.error.ApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The text of a document, as LibreChat stores it for "Upload as Text" ({@code file.text}). Plain-text
 * types (text, Markdown, CSV, JSON, source code, …) are read as they are, in the encoding their bytes show;
 * HTML, PDF and Office documents (docx, xlsx, pptx and the older binary formats) go through Tika's
 * parsers, without OCR and without the documents embedded in them.
 *
 * <p>Bounded three ways: at most {@code maxCharacters} are kept (the rest cut, which stops the parser),
 * a read that takes longer than {@code timeout} is abandoned and refused, and only {@code concurrency}
 * reads run at once.
 */
@Component
@EnableConfigurationProperties(TextProperties.class)
public class TextExtraction implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TextExtraction.class);

    /** Textual types kept verbatim: parsing them (Tika's CSV parser makes a table of a CSV) loses what the model should see. */
    private static final Set<String> VERBATIM = Set.of("application/json", "application/xml", "application/x-yaml",
            "application/yaml", "application/csv", "application/sql", "application/x-sh", "application/typescript",
            "application/javascript", "application/x-ndjson", "application/vnd.coffeescript");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*(?:\\n[ \\t\\x0B\\f\\r]*){2,}");

    static {
        // POI's zip bomb guard: an Office part may inflate to 512 MB at most (its default is 4 GB), which
        // the streaming extractors below read without holding it
        ZipSecureFile.setMaxEntrySize(512L * 1024 * 1024);
    }

    private final TextProperties properties;
    private final Parser parser = new AutoDetectParser();
    private final Semaphore permits;
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("text-", 0).factory());

    TextExtraction(TextProperties properties) {
        this.properties = properties;
        this.permits = new Semaphore(properties.concurrency());
    }

    /**
     * A document's text.
     *
     * @param text      the text, at most {@code maxCharacters}, never blank
     * @param truncated whether the document had more, which was cut
     */
    public record Extracted(String text, boolean truncated) {
    }

    /**
     * Reads the document's text. The stream is read on another thread; the caller closes it.
     *
     * @param type the type detected from the content
     * @throws ApiException.Invalid       LibreChat's {@code Unable to extract text from "<name>". …} when the
     *                                    document has no text (an image, a scan) or cannot be read (damaged, encrypted)
     * @throws ApiException.TooLarge      over {@code maxFileSize}
     * @throws ApiException.Unprocessable when reading took longer than {@code timeout}
     * @throws ApiException.Unavailable   when the instance reads too many documents to start this one in time
     */
    public Extracted extract(InputStream content, long size, String filename, String type) {
        if (size > properties.maxFileSize().toBytes()) {
            throw new ApiException.TooLarge("File size limit of " + properties.maxFileSize().toMegabytes()
                    + " MB exceeded for text extraction");
        }
        long timeoutNanos = properties.timeout().toNanos();
        long started = System.nanoTime();
        try {
            if (!permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new ApiException.Unavailable("Too many documents are being read right now; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("The document was not read");
        }
        Sink sink = new Sink(properties.maxCharacters(), System.nanoTime() + timeoutNanos);
        Future<?> reading;
        try {
            reading = readers.submit(() -> {
                try {
                    read(content, filename, type, sink);
                    return null;
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException rejected) {
            permits.release();
            throw new ApiException.Unavailable("The document was not read");
        }
        Throwable failure = null;
        try {
            reading.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sink.stop();
            reading.cancel(true);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable("The document was not read");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (sink.overran()) {
            log.info("Text extraction timed out type={} ms={}", type, millis);
            throw new ApiException.Unprocessable("extraction_timeout", "Reading the text of \"" + filename
                    + "\" took longer than " + describe(properties.timeout()));
        }
        if (failure != null && !sink.full()) {
            // the parsers' messages may quote the document: its type and the kind of failure only
            log.info("Text extraction failed type={} failure={} ms={}", type,
                    (failure.getCause() == null ? failure : failure.getCause()).getClass().getSimpleName(), millis);
            throw noText(filename);
        }
        String text = verbatim(type) ? sink.text() : BLANK_LINES.matcher(sink.text()).replaceAll("\n\n").strip();
        if (text.isBlank()) {
            throw noText(filename);
        }
        log.info("Text extracted type={} characters={} truncated={} ms={}", type, text.length(), sink.full(), millis);
        return new Extracted(text, sink.full());
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " seconds" : duration.toMillis() + " ms";
    }

    /** LibreChat's refusal of a document without text ({@code processAgentFileUpload}). */
    private static ApiException noText(String filename) {
        return new ApiException.Invalid("Unable to extract text from \"" + filename
                + "\". The document may be image-based and requires an OCR service to process.");
    }

    private void read(InputStream content, String filename, String type, Sink sink) throws IOException {
        try {
            if (verbatim(type)) {
                readVerbatim(content, filename, sink);
            } else {
                parse(content, filename, type, sink);
            }
        } catch (Exception | StackOverflowError e) {
            // the sink's own stop (full, out of time) surfaces here wrapped in whatever the parser throws;
            // anything else (damaged, encrypted, a zip bomb, nesting deep enough to overflow the stack) fails
            if (!sink.full() && !sink.overran()) {
                throw new IOException("The document could not be read", e);
            }
        }
    }

    private void readVerbatim(InputStream content, String filename, Sink sink) throws IOException, SAXException,
            org.apache.tika.exception.TikaException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        try (Reader reader = new AutoDetectReader(new BufferedInputStream(content), metadata)) {
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                sink.characters(buffer, 0, n);
            }
        }
    }

    private void parse(InputStream content, String filename, String type, Sink sink) throws Exception {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        metadata.set(Metadata.CONTENT_TYPE, type);
        ParseContext context = new ParseContext();
        context.set(EmbeddedDocumentExtractor.class, NoEmbedded.INSTANCE);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setMaxMainMemoryBytes(properties.parserMemory().toBytes());
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        // the streaming extractors: the DOM ones hold a whole document part in memory
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        office.setExtractMacros(false);
        context.set(OfficeParserConfig.class, office);
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, new BodyContentHandler(sink), metadata, context);
        }
    }

    private static boolean verbatim(String type) {
        String base = type.toLowerCase(Locale.ROOT);
        return (base.startsWith("text/") && !base.equals("text/html")) || VERBATIM.contains(base);
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }

    /** Documents inside documents (attachments, OLE objects) are not read: their text is not the document's. */
    private enum NoEmbedded implements EmbeddedDocumentExtractor {
        INSTANCE;

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never asked: shouldParseEmbedded is false
        }
    }

    /**
     * Collects the text as the parser reports it and stops the parser (by throwing) once it holds
     * {@code max} characters or its time is up; Tika reports line breaks as ignorable whitespace.
     */
    private static final class Sink extends DefaultHandler {

        private final StringBuilder text = new StringBuilder();
        private final int max;
        private final long deadline;
        private volatile boolean full;
        private volatile boolean overran;

        Sink(int max, long deadline) {
            this.max = max;
            this.deadline = deadline;
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            check();
            int room = max - text.length();
            if (length > room) {
                int end = start + room;
                if (room > 0 && Character.isHighSurrogate(ch[end - 1])) {
                    end--; // never half a character
                }
                text.append(ch, start, end - start);
                full = true;
                throw new SAXException("enough text");
            }
            text.append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            characters(ch, start, length);
        }

        @Override
        public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes attributes)
                throws SAXException {
            check();
        }

        private void check() throws SAXException {
            if (overran || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                overran = true;
                throw new SAXException("out of time");
            }
        }

        void stop() {
            overran = true;
        }

        boolean full() {
            return full;
        }

        boolean overran() {
            return overran;
        }

        /** Read once the reading thread ended (its future completed). */
        String text() {
            return text.toString();
        }
    }
}
