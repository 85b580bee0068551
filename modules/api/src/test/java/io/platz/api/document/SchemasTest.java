package io.platz.api.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.api.schema.CommonSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How records, enums and the annotations of this package become the JSON schemas of the OpenAPI document. */
class SchemasTest {

  enum Colour { DARK_RED, BLUE }

  enum Named {
    LOWER;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Doc("A thing.")
  record Thing(
      UUID id,
      Instant createdAt,
      long seq,
      @Field(minLength = 1, maxLength = 5, pattern = "^a+$") @Doc("Only a's.") String displayName,
      @Nullable String note,
      @MayBeAbsent @Nullable Colour colour,
      @MayBeAbsent @Field(maxItems = 2, defaultJson = "[]") List<Colour> colours,
      Named named) {
  }

  @Shape(oneKey = true)
  record Either(Thing thing, Left left) {
  }

  @Shape(open = true, inline = true)
  record Left(String why) {
  }

  @Shape(exactlyOneOf = {"user_id", "bot_id"})
  record Grant(@MayBeAbsent @Nullable UUID userId, @MayBeAbsent @Nullable UUID botId) {
  }

  static final class Other {
    record Thing(String name) {
    }
  }

  record HasOtherThing(Other.Thing thing, SchemasTest.Thing same) {
  }

  record NotJson(StringBuilder text) {
  }

  private final Schemas schemas = new Schemas();

  @Test
  void aRecordIsAnObjectOfItsComponentsInSnakeCaseAllRequiredButThoseThatMayBeAbsent() {
    assertThat(schemas.of(Thing.class)).isEqualTo(ref("Thing"));
    JsonObject thing = schemas.components().getJsonObject("Thing");
    assertThat(thing.getString("type")).isEqualTo("object");
    assertThat(thing.getString("description")).isEqualTo("A thing.");
    assertThat(thing.getJsonArray("required"))
        .containsExactly("id", "created_at", "seq", "display_name", "note", "named");
    JsonObject properties = thing.getJsonObject("properties");
    assertThat(properties.getJsonObject("id")).isEqualTo(new JsonObject().put("type", "string").put("format", "uuid"));
    assertThat(properties.getJsonObject("created_at")).isEqualTo(new JsonObject().put("type", "string").put("format", "date-time"));
    assertThat(properties.getJsonObject("seq")).isEqualTo(new JsonObject().put("type", "integer").put("format", "int64"));
    assertThat(properties.getJsonObject("display_name")).isEqualTo(new JsonObject().put("type", "string")
        .put("minLength", 1).put("maxLength", 5).put("pattern", "^a+$").put("description", "Only a's."));
    assertThat(properties.getJsonObject("note")).isEqualTo(new JsonObject().put("type", "string").put("nullable", true));
    assertThat(properties.getJsonObject("colours")).isEqualTo(new JsonObject().put("type", "array")
        .put("items", ref("Colour")).put("maxItems", 2).put("default", new JsonArray()));
    assertThat(thing.containsKey("additionalProperties")).isFalse();
  }

  @Test
  void aNullableReferenceIsWrappedBecauseOpenApi30IgnoresWhatStandsBesideARef() {
    schemas.of(Thing.class);
    JsonObject properties = schemas.components().getJsonObject("Thing").getJsonObject("properties");
    assertThat(properties.getJsonObject("colour"))
        .isEqualTo(new JsonObject().put("allOf", new JsonArray().add(ref("Colour"))).put("nullable", true));
    assertThat(properties.getJsonObject("named")).isEqualTo(ref("Named"));
  }

  @Test
  void enumValuesArePascalCaseUnlessTheEnumNamesThem() {
    schemas.of(Thing.class);
    assertThat(schemas.components().getJsonObject("Colour").getJsonArray("enum")).containsExactly("DarkRed", "Blue");
    assertThat(schemas.components().getJsonObject("Named").getJsonArray("enum")).containsExactly("lower");
  }

  @Test
  void aPageIsNamedAfterItsItems() {
    assertThat(schemas.of(CommonSchemas.page(Thing.class))).isEqualTo(ref("PaginatedThing"));
    JsonObject page = schemas.components().getJsonObject("PaginatedThing");
    assertThat(page.getString("description")).isEqualTo("One page of Thing items.");
    assertThat(page.getJsonArray("required")).containsExactly("page", "per_page", "num_total", "items");
    assertThat(page.getJsonObject("properties").getJsonObject("items"))
        .isEqualTo(new JsonObject().put("type", "array").put("items", ref("Thing")));
    assertThat(page.getJsonObject("properties").getJsonObject("per_page"))
        .isEqualTo(new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 500));
  }

  @Test
  void aOneKeyRecordIsExternallyTaggedAndAnInlineOpenRecordHasNoNameOfItsOwn() {
    schemas.of(Either.class);
    JsonArray variants = schemas.components().getJsonObject("Either").getJsonArray("oneOf");
    assertThat(variants.getJsonObject(0)).isEqualTo(new JsonObject().put("type", "object")
        .put("required", new JsonArray().add("Thing")).put("properties", new JsonObject().put("Thing", ref("Thing")))
        .put("additionalProperties", false));
    assertThat(variants.getJsonObject(1).getJsonObject("properties").getJsonObject("Left")).isEqualTo(new JsonObject()
        .put("type", "object").put("required", new JsonArray().add("why"))
        .put("properties", new JsonObject().put("why", new JsonObject().put("type", "string")))
        .put("additionalProperties", true));
    assertThat(schemas.components().containsKey("Left")).isFalse();
  }

  @Test
  void exactlyOneOfSaysWhichFieldIsSetAndThatTheOthersAreNull() {
    schemas.of(Grant.class);
    JsonObject grant = schemas.components().getJsonObject("Grant");
    assertThat(grant.containsKey("required")).isFalse();
    JsonObject absent = new JsonObject().put("nullable", true).put("enum", new JsonArray().addNull());
    assertThat(grant.getJsonArray("oneOf")).containsExactly(
        new JsonObject().put("required", new JsonArray().add("user_id"))
            .put("properties", new JsonObject().put("user_id", new JsonObject().put("type", "string")).put("bot_id", absent)),
        new JsonObject().put("required", new JsonArray().add("bot_id"))
            .put("properties", new JsonObject().put("bot_id", new JsonObject().put("type", "string")).put("user_id", absent)));
  }

  @Test
  void twoTypesWithOneNameAreRefusedRatherThanMerged() {
    assertThatThrownBy(() -> schemas.of(HasOtherThing.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Thing");
  }

  @Test
  void aTypeWithoutAJsonShapeIsRefused() {
    assertThatThrownBy(() -> schemas.of(NotJson.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("StringBuilder");
  }

  private static JsonObject ref(String name) {
    return new JsonObject().put("$ref", "#/components/schemas/" + name);
  }
}
