package io.parley.file.text;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of reading a document's text, so a hostile document can neither hang an upload nor fill the heap.
 *
 * @param maxCharacters characters kept of a document's text, the rest cut (LibreChat's default
 *                      {@code fileContextCharLimit}, 1,000,000)
 * @param timeout       how long one document may be read; longer is refused (422)
 * @param concurrency   documents read at once in the instance; an upload waits up to {@code timeout} for
 *                      its turn, then is refused (503). A read that overran its time keeps its place until
 *                      it really ends, so runaway parses cannot pile up.
 * @param maxFileSize   the largest document read at all (413 above it): the parsers' memory grows with it
 * @param parserMemory  memory a PDF may take before PDFBox spills it to temporary files
 */
@Validated
@ConfigurationProperties("parley.file.text")
record TextProperties(@DefaultValue("1000000") @Min(1) int maxCharacters, @DefaultValue("30s") Duration timeout,
                      @DefaultValue("2") @Min(1) int concurrency, @DefaultValue("64MB") DataSize maxFileSize,
                      @DefaultValue("64MB") DataSize parserMemory) {
}
