package io.parley.file.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

/**
 * The type of an upload as its bytes show it (Tika's magic numbers, the name only refining a generic
 * answer such as zip → docx), never just the type or extension the client declared.
 */
@Component
class ContentTypes {

    private static final MediaType TEXT = MediaType.TEXT_PLAIN;

    private final MimeTypes tika = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = tika.getMediaTypeRegistry();

    /**
     * The names the content may go by, most specific first: the detected type and its aliases; for
     * plain text (which magic cannot tell apart: CSV, Markdown, source code) also the declared type
     * when it is a text type, since the bytes are text either way.
     */
    Set<String> candidates(InputStream content, String filename, String declared) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        MediaType detected;
        try (TikaInputStream in = TikaInputStream.get(content)) {
            detected = tika.detect(in, metadata).getBaseType();
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(detected.toString());
        registry.getAliases(detected).forEach(alias -> names.add(alias.getBaseType().toString()));
        if (isText(detected) && declared != null) {
            MediaType claimed = MediaType.parse(declared.toLowerCase(Locale.ROOT));
            if (claimed != null && isTextual(claimed)) {
                names.add(claimed.getBaseType().toString());
            }
        }
        return names;
    }

    private boolean isText(MediaType type) {
        return type.equals(TEXT) || registry.isSpecializationOf(type, TEXT);
    }

    private static boolean isTextual(MediaType type) {
        String subtype = type.getSubtype();
        return type.getType().equals("text") || (type.getType().equals("application")
                && Set.of("json", "xml", "yaml", "x-yaml", "csv", "sql", "typescript", "x-sh", "vnd.coffeescript").contains(subtype));
    }
}
