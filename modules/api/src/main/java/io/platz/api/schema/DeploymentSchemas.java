package io.platz.api.schema;

import static io.platz.api.schema.Texts.CONTAINS;
import static io.platz.api.schema.Texts.FREE_FORM;
import static io.platz.api.schema.Texts.MULTILINE;
import static io.platz.api.schema.Texts.MULTILINE_DOC;
import static io.platz.api.schema.Texts.PRINTABLE;
import static io.platz.api.schema.Texts.PRINTABLE_DOC;
import static io.platz.api.schema.Texts.UNCHANGED;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.MayBeAbsent;
import io.platz.api.document.Nullable;
import io.platz.common.deployments.DeploymentStatus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Deployments, the credentials they act with, and who a deployment is when it calls. */
public final class DeploymentSchemas {

  private static final int MAX_DESCRIPTION = 20_000;
  private static final String NEVER_CHANGES = "Never changes: if given, it must be the deployment's own (400 otherwise)."
      + UNCHANGED;

  private DeploymentSchemas() {
  }

  @Doc("A deployment: of one kind, in one env, for good.")
  public record Deployment(
      UUID id,
      Instant createdAt,
      @Doc("Unique among the live deployments of its kind in its env, case-insensitive.") String name,
      UUID envId,
      UUID kindId,
      boolean enabled,
      DeploymentStatus status,
      JsonObject config,
      @Nullable String descriptionMd,
      @Doc("Set once the deployment is deleted; a deleted deployment is still answered by id.") @Nullable Instant deletedAt) {
  }

  public record NewDeployment(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC) String name,
      UUID envId,
      UUID kindId,
      @Field(defaultJson = "true") @Doc("null: true.") @MayBeAbsent @Nullable Boolean enabled,
      @Field(defaultJson = "{}") @Doc("null: {}. " + FREE_FORM) @MayBeAbsent @Nullable JsonObject config,
      @Field(maxLength = MAX_DESCRIPTION, pattern = MULTILINE) @Doc(MULTILINE_DOC) @MayBeAbsent @Nullable
      String descriptionMd) {
  }

  @Doc("Absent fields are left unchanged.")
  public record UpdateDeployment(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC + UNCHANGED) @MayBeAbsent @Nullable
      String name,
      @Doc("null: unchanged.") @MayBeAbsent @Nullable Boolean enabled,
      @Doc("null: unchanged.") @MayBeAbsent @Nullable DeploymentStatus status,
      @Doc("Replaces the whole config." + UNCHANGED + " " + FREE_FORM) @MayBeAbsent @Nullable JsonObject config,
      @Field(maxLength = MAX_DESCRIPTION, pattern = MULTILINE) @Doc("null clears it. " + MULTILINE_DOC) @MayBeAbsent
      @Nullable String descriptionMd,
      @Doc(NEVER_CHANGES) @MayBeAbsent @Nullable UUID envId,
      @Doc(NEVER_CHANGES) @MayBeAbsent @Nullable UUID kindId) {
  }

  public record DeploymentFilters(
      UUID envId,
      UUID kindId,
      @Doc(CONTAINS) String name,
      Boolean enabled,
      DeploymentStatus status,
      @Field(defaultJson = "false") Boolean includeDeleted,
      @Field(defaultJson = "false")
      @Doc("Items without config and description_md (for pickers and name lookups; GitLab's simple=true), so that"
          + " per_page may go up to 500.")
      Boolean simple) {
  }

  @Doc("A short-lived credential with which a deployment acts on deployments of its own env, within what whoever"
      + " created it may maintain there.")
  public record DeploymentCredential(
      @Doc("The credential's id, with which it can be revoked.") UUID id,
      @Doc("The credential in clear; it is never shown again.") String createdToken,
      Instant expiresAt) {
  }

  @Doc("A deployment acting with its own credential.")
  public record DeploymentIdentity(UUID id, String name, UUID envId) {
  }
}
