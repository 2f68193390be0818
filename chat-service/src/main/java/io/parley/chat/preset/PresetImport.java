package io.parley.chat.preset;

import static io.parley.common.imports.SourceFields.bool;
import static io.parley.common.imports.SourceFields.copy;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredText;

import io.parley.common.imports.DocumentImporter;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** LibreChat's {@code presets}: a person's saved conversation settings, as stored, under their ids. */
@Component
class PresetImport extends DocumentImporter {

    PresetImport(MongoTemplate mongo) {
        super(mongo, PresetStore.COLLECTION, "presetId");
    }

    @Override
    public String collection() {
        return "presets";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        requiredText(source, "presetId");
        requiredText(source, "user");
        Document stored = copy(source, tenantId);
        stored.put("_id", objectId(source));
        boolean isDefault = bool(source, "defaultPreset", false);
        Double order = number(source, "order");
        stored.put("defaultPreset", isDefault);
        stored.put("order", order != null ? order.intValue() : isDefault ? 0 : PresetStore.DEFAULT_ORDER);
        return mapped(stored, List.of());
    }
}
