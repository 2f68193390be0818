package io.parley.common.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.common.error.ApiException;
import io.parley.common.error.ApiException.FieldProblem;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class BodyReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final BodyReader reader = new BodyReader(JSON, Validation.buildDefaultValidatorFactory().getValidator());

    interface Strict {
    }

    record Pet(@Nullable @Size(max = 5, message = "is too long") String name, @Nullable Integer age,
               @Nullable @NotNull(groups = Strict.class, message = "is required") Boolean tame,
               @Nullable List<@Size(min = 1, message = "must not be empty") String> tags) {
    }

    private Sent<Pet> read(String body, Set<String> nullable, Class<?>... groups) {
        return reader.read((ObjectNode) JSON.readTree(body), Pet.class, "Bad pet", nullable, groups);
    }

    private List<FieldProblem> problemsOf(String body, Class<?>... groups) {
        return catchThrowableOfType(ApiException.Invalid.class, () -> read(body, Set.of(), groups)).details();
    }

    @Test
    void everyProblemOfABodyIsAnsweredAtOnceInTheRecordsOrder() {
        ApiException.Invalid invalid = catchThrowableOfType(ApiException.Invalid.class,
                () -> read("{\"tags\":[\"\"],\"age\":\"5\",\"name\":\"Rexford\"}", Set.of(), Strict.class));

        assertThat(invalid.error()).isEqualTo("Bad pet");
        assertThat(invalid.details()).containsExactly(new FieldProblem("name", "is too long"),
                new FieldProblem("age", "must be a whole number"), new FieldProblem("tame", "is required"),
                new FieldProblem("tags[0]", "must not be empty"));
        assertThat(invalid.getMessage()).isEqualTo(
                "name: is too long; age: must be a whole number; tame: is required; tags[0]: must not be empty");
    }

    @Test
    void valuesOfTheWrongKindAreRefusedNotConverted() {
        assertThat(problemsOf("{\"name\":7}")).containsExactly(new FieldProblem("name", "must be text"));
        assertThat(problemsOf("{\"name\":true}")).containsExactly(new FieldProblem("name", "must be text"));
        assertThat(problemsOf("{\"age\":2.0}")).containsExactly(new FieldProblem("age", "must be a whole number"));
        assertThat(problemsOf("{\"age\":12345678901234567890}")).containsExactly(new FieldProblem("age", "must be a whole number"));
        assertThat(problemsOf("{\"tame\":1}")).containsExactly(new FieldProblem("tame", "must be true or false"));
        assertThat(problemsOf("{\"tags\":\"a\"}")).containsExactly(new FieldProblem("tags", "must be a list"));
        assertThat(problemsOf("{\"tags\":[\"a\",{}]}")).containsExactly(new FieldProblem("tags[1]", "must be text"));
    }

    @Test
    void aFieldOfTheWrongTypeIsRefusedOnceEvenWhenItsGroupRequiresIt() {
        assertThat(problemsOf("{\"tame\":\"yes\"}", Strict.class)).containsExactly(new FieldProblem("tame", "must be true or false"));
    }

    @Test
    void nullIsTakenOnlyWhereTheRecordAllowsItAndTheFieldCountsAsNamed() {
        assertThat(problemsOf("{\"name\":null}")).containsExactly(new FieldProblem("name", "must not be null"));

        Sent<Pet> cleared = read("{\"name\":null}", Set.of("name"));

        assertThat(cleared.value().name()).isNull();
        assertThat(cleared.named("name")).isTrue();
        assertThat(cleared.named("age")).isFalse();
    }

    @Test
    void fieldsTheRecordDoesNotNameAreDroppedWhateverTheyHold() {
        Sent<Pet> pet = read("{\"name\":\"Rex\",\"owner\":{\"$gt\":\"\"},\"color\":null}", Set.of());

        assertThat(pet.value()).isEqualTo(new Pet("Rex", null, null, null));
        assertThat(pet.fields()).containsExactly("name");
    }

    @Test
    void noBodyReadsAsAnEmptyObject() {
        assertThat(reader.read((ObjectNode) null, Pet.class, "Bad pet", Set.of()).value()).isEqualTo(new Pet(null, null, null, null));
        assertThat(reader.object(new UnreadBody(null))).isNull();
        assertThat(reader.object(new UnreadBody(bytes("null")))).isNull();
    }

    @Test
    void anUnreadBodyThatIsNotAJsonObjectIsMalformed() {
        for (String body : List.of("{", "[1]", "\"text\"", "  ")) {
            ApiException.Invalid invalid = catchThrowableOfType(ApiException.Invalid.class, () -> reader.object(new UnreadBody(bytes(body))));
            assertThat(invalid.error()).as(body).isEqualTo("invalid_json");
        }
        assertThat(reader.object(new UnreadBody(bytes("{\"name\":\"Rex\"}"))).get("name").asString()).isEqualTo("Rex");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
