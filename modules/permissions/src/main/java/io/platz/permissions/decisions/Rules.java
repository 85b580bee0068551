package io.platz.permissions.decisions;

import io.platz.common.permissions.Action;
import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.Scope;

/**
 * Which rule decides each action, as a table: one row per action, no default, so an action added to
 * {@link Action} does not compile until it has a rule here. The rules themselves are in {@link IdentityRules},
 * {@link EnvRules} and {@link TaskRules}; the facts they need are loaded by {@link FactLoader}.
 */
public final class Rules {

  private Rules() {
  }

  public static Rule<?> of(Action action) {
    return switch (action) {
      case USERS_READ, BOTS_READ -> Rule.onQuestion(IdentityRules::readPeople);
      case BOT_TOKENS_READ -> Rule.onQuestion(IdentityRules::readBotTokens);
      case USERS_CREATE, BOTS_CREATE, BOTS_UPDATE, BOTS_DELETE, BOT_TOKENS_CREATE, BOT_TOKENS_REVOKE,
          ENVS_CREATE, KINDS_CREATE, KINDS_UPDATE, KINDS_DELETE -> Rule.onQuestion(IdentityRules::siteAdmin);
      case USERS_UPDATE -> Rule.onQuestion(IdentityRules::updateUser);
      case USER_TOKENS_READ -> Rule.onQuestion(IdentityRules::readUserTokens);
      case USER_TOKENS_CREATE -> Rule.onQuestion(IdentityRules::createUserToken);
      case USER_TOKENS_REVOKE -> Rule.after(FactLoader::userTokenOwner, IdentityRules::revokeUserToken);
      case KINDS_READ -> Rule.onQuestion(question -> Verdict.read(Scope.ALL));
      case ENVS_READ -> Rule.after(FactLoader::grants, EnvRules::readEnvs);
      case ENV_ROLES_READ, DEPLOYMENT_ROLES_READ -> Rule.after(FactLoader::grants, EnvRules::readGrants);
      case DEPLOYMENTS_READ, TASKS_READ -> Rule.after(FactLoader::grants, EnvRules::readDeployments);
      case AUDIT_READ -> Rule.after(FactLoader::grants, EnvRules::readAudit);
      case ENVS_UPDATE -> Rule.after(FactLoader::grants, EnvRules::updateEnv);
      case ENVS_DELETE -> Rule.after(FactLoader::grants, EnvRules::deleteEnv);
      case ENV_ROLES_GRANT, DEPLOYMENT_ROLES_GRANT -> Rule.after(FactLoader::grants, EnvRules::grant);
      case ENV_ROLES_REMOVE -> Rule.after(FactLoader::envGrant, EnvRules::removeGrant);
      case DEPLOYMENT_ROLES_REMOVE -> Rule.after(FactLoader::deploymentGrant, EnvRules::removeGrant);
      case DEPLOYMENTS_CREATE -> Rule.after(FactLoader::grants, EnvRules::createDeployment);
      case DEPLOYMENTS_UPDATE -> Rule.after(FactLoader::deployment, EnvRules.onDeployment(DeploymentRole.MAINTAINER));
      case DEPLOYMENTS_DELETE, DEPLOYMENT_CREDENTIALS_CREATE, DEPLOYMENT_CREDENTIALS_REVOKE ->
          Rule.after(FactLoader::deployment, EnvRules.onDeployment(DeploymentRole.OWNER));
      case TASKS_CREATE -> Rule.after(FactLoader::newTask, TaskRules::create);
      case TASKS_CANCEL -> Rule.after(FactLoader::task, TaskRules::cancel);
      case TASKS_ADVANCE -> Rule.after(FactLoader::task, TaskRules::advance);
      case AUTH_CHECK -> Rule.onQuestion(question -> Verdict.allow());
    };
  }
}
