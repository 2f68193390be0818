package io.parley.common.body;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads a JSON object body into a request record and checks it with Bean Validation, answering every
 * problem at once, as LibreChat's zod schemas do: each field of the wrong type, each null where the
 * field takes none, and each broken constraint, in one {@link ApiException.Invalid}. Fields the record
 * does not name are dropped, as zod strips unknown keys.
 *
 * <p>Stricter than Spring's reading of a body: {@code 7} is not text, {@code "5"} not a number,
 * {@code 1} not true and {@code 2.0} not a whole number. Request records name their components as the
 * JSON names its fields, so every problem names a field the client knows.
 *
 * <p>One per service, made by {@link BodyAutoConfiguration} from the service's {@link JsonMapper} and
 * {@link Validator}.
 */
public final class BodyReader {

    private final JsonMapper strict;
    private final Validator validator;

    BodyReader(JsonMapper json, Validator validator) {
        this.strict = json.rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        this.validator = validator;
    }

    /**
     * The body of a request, once the route allows reading it.
     *
     * @return null when there was none, or it was JSON {@code null}
     * @throws ApiException.Invalid {@code invalid_json}, as the common handler answers a body Spring could not
     *     read, when it is not JSON or not a JSON object
     */
    public @Nullable ObjectNode object(UnreadBody body) {
        byte[] bytes = body.bytes();
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        JsonNode tree;
        try {
            tree = strict.readTree(bytes);
        } catch (JacksonException e) {
            throw malformed();
        }
        if (tree.isNull()) {
            return null;
        }
        if (tree instanceof ObjectNode object) {
            return object;
        }
        throw malformed();
    }

    /** {@link #read(ObjectNode, Class, String, Set, Class[])} of a body read only now. */
    public <T extends Record> Sent<T> read(UnreadBody body, Class<T> type, String error, Set<String> nullable,
                                           Class<?>... groups) {
        return read(object(body), type, error, nullable, groups);
    }

    /**
     * @param body     the JSON object sent; null reads as an empty one
     * @param error    the {@code error} of the 400, e.g. LibreChat's {@code "Invalid request data"}
     * @param nullable the fields that may be sent as null (LibreChat's {@code .nullable()}); any other field
     *                 sent as null is a problem
     * @param groups   validation groups checked besides the default one
     * @throws ApiException.Invalid with {@code error}, naming every problem
     */
    public <T extends Record> Sent<T> read(@Nullable ObjectNode body, Class<T> type, String error, Set<String> nullable,
                                           Class<?>... groups) {
        List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        ObjectNode fields = body == null ? strict.createObjectNode() : body.deepCopy();
        List<FieldProblem> problems = new ArrayList<>();
        for (String field : List.copyOf(fields.propertyNames())) {
            if (!components.contains(field)) {
                fields.remove(field);
            } else if (fields.get(field).isNull() && !nullable.contains(field)) {
                problems.add(new FieldProblem(field, "must not be null"));
                fields.remove(field);
            }
        }
        Set<String> named = Set.copyOf(fields.propertyNames());
        T value = bind(fields, type, problems);
        Set<String> refused = problems.stream().map(p -> topLevel(p.field())).collect(Collectors.toSet());
        Class<?>[] checked = Stream.concat(Stream.of(Default.class), Arrays.stream(groups)).toArray(Class<?>[]::new);
        for (ConstraintViolation<T> violation : validator.validate(value, checked)) {
            FieldProblem problem = new FieldProblem(path(violation.getPropertyPath()), violation.getMessage());
            if (!refused.contains(topLevel(problem.field()))) { // a field of the wrong type is refused once
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            // in the record's order, as its schema lists the fields
            problems.sort(Comparator.comparing((FieldProblem p) -> components.indexOf(topLevel(p.field())))
                    .thenComparing(FieldProblem::field));
            throw new ApiException.Invalid(error, String.join("; ", problems.stream()
                    .map(p -> p.field() + ": " + p.message()).toList()), problems);
        }
        return new Sent<>(value, named);
    }

    /** Binds what it can: a field of the wrong type becomes a problem and is left out, and the rest read again. */
    private <T> T bind(ObjectNode fields, Class<T> type, List<FieldProblem> problems) {
        while (true) {
            try {
                return strict.treeToValue(fields, type);
            } catch (JacksonException e) {
                String field = e.getPath().isEmpty() ? null : e.getPath().getFirst().getPropertyName();
                if (field == null || fields.remove(field) == null) {
                    throw e; // not about one of the body's fields: a defect of the record, not the client's mistake
                }
                problems.add(new FieldProblem(path(e.getPath()), typeProblem(e)));
            }
        }
    }

    private static String typeProblem(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage(); // a value type's own refusal of what it was given
        }
        Class<?> target = switch (e) {
            case MismatchedInputException mismatch -> mismatch.getTargetType();
            case InputCoercionException coercion -> coercion.getTargetType();
            default -> null;
        };
        if (target == null) {
            return "has the wrong type";
        } else if (target == String.class) {
            return "must be text";
        } else if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        } else if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be a whole number";
        } else if (Collection.class.isAssignableFrom(target)) {
            return "must be a list";
        } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /** {@code edges[0].from}, as the client wrote it. */
    private static String path(List<JacksonException.Reference> steps) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference step : steps) {
            if (step.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else {
                out.append('[').append(step.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** {@code tools[3]}, {@code edges[0].from}: the JSON path, without Bean Validation's container element names. */
    private static String path(Path violated) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : violated) {
            if (node.isInIterable()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return out.toString();
    }

    private static String topLevel(String field) {
        int end = 0;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
            end++;
        }
        return field.substring(0, end);
    }

    private static ApiException malformed() {
        return new ApiException.Invalid("invalid_json", "The request body contains malformed JSON", List.of());
    }
}
