package io.platz.api.schema;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.MayBeAbsent;
import io.platz.api.document.Nullable;
import io.platz.api.document.Shape;
import io.platz.api.schema.BotSchemas.Bot;
import io.platz.api.schema.DeploymentSchemas.DeploymentIdentity;
import io.platz.api.schema.UserSchemas.User;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Who the caller is, and what it may do. */
public final class AuthSchemas {

  private AuthSchemas() {
  }

  @Doc("Who the caller is, externally tagged by identity kind.")
  @Shape(oneKey = true)
  public record MeResponse(User user, Bot bot, DeploymentIdentity deployment) {
  }

  /** The actions {@code POST /auth/check} answers for, named as the permission rules' {@code Action}s. */
  @Doc("An action, named as in the permission rules. users_*, user_tokens_*, bots_*, bot_tokens_*, envs_create,"
      + " kinds_read, kinds_create and audit_read name nothing; kinds_update and kinds_delete a kind_id; envs_update,"
      + " envs_delete, env_roles_grant and deployment_roles_grant an env_id; deployments_create an env_id and a"
      + " kind_id; deployments_update, deployments_delete, deployment_credentials_create and"
      + " deployment_credentials_revoke a deployment_id.")
  public enum AccessCheckAction {
    AUDIT_READ, BOT_TOKENS_CREATE, BOT_TOKENS_READ, BOT_TOKENS_REVOKE, BOTS_CREATE, BOTS_DELETE, BOTS_READ, BOTS_UPDATE,
    DEPLOYMENT_CREDENTIALS_CREATE, DEPLOYMENT_CREDENTIALS_REVOKE, DEPLOYMENT_ROLES_GRANT, DEPLOYMENTS_CREATE,
    DEPLOYMENTS_DELETE, DEPLOYMENTS_UPDATE, ENV_ROLES_GRANT, ENVS_CREATE, ENVS_DELETE, ENVS_UPDATE, KINDS_CREATE,
    KINDS_DELETE, KINDS_READ, KINDS_UPDATE, USER_TOKENS_CREATE, USER_TOKENS_READ, USERS_CREATE, USERS_READ;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record AccessCheck(
      AccessCheckAction action,
      @Doc("Required by the deployment actions, not allowed with any other.") @MayBeAbsent UUID deploymentId,
      @Doc("Required by the env actions and deployments_create, not allowed with any other.") @MayBeAbsent UUID envId,
      @Doc("Required by kinds_update, kinds_delete and deployments_create, not allowed with any other.") @MayBeAbsent
      UUID kindId) {
  }

  public record AccessChecks(@Field(minItems = 1, maxItems = 100) List<AccessCheck> checks) {
  }

  public record AccessCheckResult(
      boolean allowed,
      @Doc("Null when allowed; otherwise the message the real request would be refused with.") @Nullable String reason) {
  }

  public record AccessCheckResults(@Doc("One per check, in the order asked.") List<AccessCheckResult> results) {
  }
}
