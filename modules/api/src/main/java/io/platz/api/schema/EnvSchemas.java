package io.platz.api.schema;

import static io.platz.api.schema.Texts.EQUALS;
import static io.platz.api.schema.Texts.PRINTABLE;
import static io.platz.api.schema.Texts.PRINTABLE_DOC;
import static io.platz.api.schema.Texts.UNCHANGED;
import static io.platz.api.schema.Texts.UNIQUE;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.MayBeAbsent;
import io.platz.api.document.Nullable;
import io.platz.api.document.Shape;
import io.platz.common.permissions.EnvRole;
import java.time.Instant;
import java.util.UUID;

/** Envs and the env roles of users and bots. */
public final class EnvSchemas {

  private EnvSchemas() {
  }

  @Doc("An env.")
  public record Env(
      UUID id,
      Instant createdAt,
      @Doc(UNIQUE) String name,
      @Doc("New users get the User role in this env.") boolean autoAddNewUsers) {
  }

  public record NewEnv(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC) String name,
      @Field(defaultJson = "false") @Doc("null: false.") @MayBeAbsent @Nullable Boolean autoAddNewUsers) {
  }

  @Doc("Absent fields are left unchanged.")
  public record UpdateEnv(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC + " Site admins only." + UNCHANGED)
      @MayBeAbsent @Nullable String name,
      @Doc("null: unchanged.") @MayBeAbsent @Nullable Boolean autoAddNewUsers) {
  }

  public record EnvFilters(@Doc(EQUALS) String name, Boolean autoAddNewUsers) {
  }

  @Doc("An env role held by a user or a bot: exactly one of user_id and bot_id is set.")
  public record EnvUserPermission(
      UUID id,
      Instant createdAt,
      UUID envId,
      @Nullable UUID userId,
      @Nullable UUID botId,
      EnvRole role) {
  }

  @Doc("Exactly one of user_id and bot_id.")
  @Shape(exactlyOneOf = {"user_id", "bot_id"})
  public record NewEnvUserPermission(UUID envId, @MayBeAbsent @Nullable UUID userId, @MayBeAbsent @Nullable UUID botId,
                                     EnvRole role) {
  }

  public record EnvUserPermissionFilters(UUID envId, UUID userId, UUID botId, EnvRole role) {
  }
}
