package io.platz.api.schema;

import static io.platz.api.schema.Texts.MAX_CONFIG_BYTES;
import static io.platz.api.schema.Texts.MULTILINE;
import static io.platz.api.schema.Texts.MULTILINE_DOC;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.MayBeAbsent;
import io.platz.api.document.Nullable;
import io.platz.api.document.Shape;
import io.platz.common.deployments.DeploymentTaskStatus;
import java.time.Instant;
import java.util.UUID;

/** Deployment tasks: what was asked of a deployment, by whom, and how it went. */
public final class TaskSchemas {

  private static final int MAX_REASON = 20_000;

  private TaskSchemas() {
  }

  @Doc("What a task does, externally tagged: exactly one key. Install and Uninstall need Owner; Upgrade and Reinstall"
      + " need Maintainer; InvokeAction needs the action's allowed_role on the deployment's kind. The operation's own"
      + " fields are stored as given. The operation's value (the object under its one key): " + MAX_CONFIG_BYTES)
  @Shape(oneKey = true)
  public record DeploymentTaskOperation(Install install, Upgrade upgrade, Reinstall reinstall, Uninstall uninstall,
                                        InvokeAction invokeAction) {
  }

  @Shape(open = true, inline = true)
  public record Install() {
  }

  @Shape(open = true, inline = true)
  public record Upgrade() {
  }

  @Shape(open = true, inline = true)
  public record Reinstall(String reason) {
  }

  @Shape(open = true, inline = true)
  public record Uninstall() {
  }

  @Shape(open = true, inline = true)
  public record InvokeAction(
      @Doc("One of the actions of the deployment's kind.") String actionId,
      @Doc("Any JSON value, handed to the action.") @MayBeAbsent Object body) {
  }

  @Doc("A task on a deployment. Exactly one acting_* id is set: who asked for it. A canceled task names who canceled"
      + " it in exactly one canceled_by_* id.")
  public record DeploymentTask(
      UUID id,
      Instant createdAt,
      UUID deploymentId,
      UUID envId,
      DeploymentTaskOperation operation,
      DeploymentTaskStatus status,
      @Nullable String reason,
      @Nullable UUID actingUserId,
      @Nullable UUID actingBotId,
      @Nullable UUID actingDeploymentId,
      @Nullable UUID canceledByUserId,
      @Nullable UUID canceledByBotId,
      @Nullable UUID canceledByDeploymentId,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt) {
  }

  public record NewDeploymentTask(UUID deploymentId, DeploymentTaskOperation operation) {
  }

  public record CancelDeploymentTask(
      @Field(maxLength = MAX_REASON, pattern = MULTILINE) @Doc(MULTILINE_DOC) @MayBeAbsent @Nullable String reason) {
  }

  public record AdvanceDeploymentTask(
      @Field(oneOf = {"Started", "Done", "Failed"}) @Doc("Pending → Started or Failed; Started → Done or Failed.")
      String status,
      @Field(maxLength = MAX_REASON, pattern = MULTILINE) @Doc(MULTILINE_DOC) @MayBeAbsent @Nullable String reason) {
  }

  public record DeploymentTaskFilters(
      UUID deploymentId,
      UUID envId,
      UUID actingUserId,
      UUID actingBotId,
      UUID actingDeploymentId,
      DeploymentTaskStatus status,
      @Doc("created_at at or after.") Instant createdFrom,
      @Doc("created_at before.") Instant createdTo) {
  }
}
