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
import io.platz.common.permissions.DeploymentRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deployment kinds, their actions, and the roles held on a kind in an env. */
public final class KindSchemas {

  private static final String ACTION_ID = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$";
  private static final int MAX_ACTIONS = 64;

  private KindSchemas() {
  }

  @Doc("A kind of deployment.")
  public record DeploymentKind(UUID id, Instant createdAt, @Doc(UNIQUE) String name, List<DeploymentKindAction> actions) {
  }

  @Doc("An action deployments of the kind offer, and the role invoking it needs.")
  public record DeploymentKindAction(
      @Field(pattern = ACTION_ID) @Doc("Unique within the kind.") String id,
      @Field(minLength = 1, maxLength = 200) String title,
      DeploymentRole allowedRole) {
  }

  public record DeploymentKindActionInput(
      @Field(pattern = ACTION_ID) @Doc("Unique within the kind.") String id,
      @Field(minLength = 1, maxLength = 200, pattern = PRINTABLE) @Doc(PRINTABLE_DOC + " Absent or null: the id.")
      @MayBeAbsent @Nullable String title,
      DeploymentRole allowedRole) {
  }

  public record NewDeploymentKind(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC) String name,
      @Field(maxItems = MAX_ACTIONS, defaultJson = "[]") @Doc("null: none.") @MayBeAbsent @Nullable
      List<DeploymentKindActionInput> actions) {
  }

  @Doc("Absent fields are left unchanged.")
  public record UpdateDeploymentKind(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC + UNCHANGED) @MayBeAbsent @Nullable
      String name,
      @Field(maxItems = MAX_ACTIONS) @Doc("Replaces every action." + UNCHANGED) @MayBeAbsent @Nullable
      List<DeploymentKindActionInput> actions) {
  }

  public record DeploymentKindFilters(@Doc(EQUALS) String name) {
  }

  @Doc("A role on a deployment kind in an env, held by a user or a bot: exactly one of user_id and bot_id is set.")
  public record DeploymentPermission(
      UUID id,
      Instant createdAt,
      UUID envId,
      @Nullable UUID userId,
      @Nullable UUID botId,
      UUID kindId,
      DeploymentRole role) {
  }

  @Doc("Exactly one of user_id and bot_id.")
  @Shape(exactlyOneOf = {"user_id", "bot_id"})
  public record NewDeploymentPermission(UUID envId, @MayBeAbsent @Nullable UUID userId, @MayBeAbsent @Nullable UUID botId,
                                        UUID kindId, DeploymentRole role) {
  }

  public record DeploymentPermissionFilters(UUID envId, UUID userId, UUID botId, DeploymentRole role, UUID kindId) {
  }
}
