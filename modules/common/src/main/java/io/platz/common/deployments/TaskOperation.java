package io.platz.common.deployments;

import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.permissions.DeploymentRole;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a deployment task does, externally tagged with exactly one key: {@code {"Install": {...}}},
 * {@code {"Upgrade": {...}}}, {@code {"Reinstall": {"reason"}}}, {@code {"Uninstall": {}}} or
 * {@code {"InvokeAction": {"action_id", "body"}}}. Both the permissions module (which role it needs) and the
 * deployments module (what to store) read it the same way.
 */
public record TaskOperation(String type, JsonObject payload) {

  public static final String INSTALL = "Install";
  public static final String UPGRADE = "Upgrade";
  public static final String REINSTALL = "Reinstall";
  public static final String UNINSTALL = "Uninstall";
  public static final String INVOKE_ACTION = "InvokeAction";
  public static final List<String> TYPES = List.of(INSTALL, UPGRADE, REINSTALL, UNINSTALL, INVOKE_ACTION);

  public static TaskOperation from(JsonObject body) {
    JsonObject operation = Fields.body(body).object("operation").orElseThrow(() -> Fields.missing("operation"));
    if (operation.size() != 1 || !TYPES.contains(operation.fieldNames().iterator().next())) {
      throw ApiError.badRequest("'operation' must have exactly one key, one of " + String.join(", ", TYPES));
    }
    String type = operation.fieldNames().iterator().next();
    if (!(operation.getValue(type) instanceof JsonObject payload)) {
      throw Fields.invalid("operation." + type, "a JSON object");
    }
    if (type.equals(INVOKE_ACTION)) {
      Fields.body(payload).requireString("action_id");
    }
    if (type.equals(REINSTALL)) {
      Fields.body(payload).requireString("reason");
    }
    return new TaskOperation(type, payload);
  }

  public String actionId() {
    return type.equals(INVOKE_ACTION) ? payload.getString("action_id") : null;
  }

  /** The role every operation but InvokeAction needs; InvokeAction needs what its action says. */
  public DeploymentRole fixedRole() {
    return switch (type) {
      case INSTALL, UNINSTALL -> DeploymentRole.OWNER;
      case UPGRADE, REINSTALL -> DeploymentRole.MAINTAINER;
      default -> throw new IllegalStateException(type + " needs the role its action names");
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put(type, payload);
  }
}
