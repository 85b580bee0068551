package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.permissions.DeploymentRole;

/**
 * Who may create, cancel and advance deployment tasks. Install and Uninstall need Owner; Upgrade and Reinstall
 * Maintainer; InvokeAction the role its action names on the deployment's kind. Env Admins and site admins always
 * pass. A deployment identity acts as a Maintainer on the deployments its minter lends it, and only invokes actions.
 */
final class TaskRules {

  private TaskRules() {
  }

  static Verdict create(Question question, Facts.NewTask task) {
    Identity who = question.who();
    Facts.Placed where = task.where();
    if (!sees(who, where)) {
      return Verdict.hidden("deployment");
    }
    if (task.required().isEmpty()) {
      return Verdict.invalid("the deployment kind has no action '" + task.operation().actionId() + "'");
    }
    DeploymentRole required = task.required().get();
    return who.isDeployment() ? deploymentActs(task.operation(), required)
        : EnvRules.onKind(who, where.grants(), where.env(), where.kind(), required);
  }

  /** Whoever created the task, an env Admin or a site admin. */
  static Verdict cancel(Question question, Facts.Task task) {
    Identity who = question.who();
    if (!sees(who, task.where())) {
      return Verdict.hidden("deployment task");
    }
    boolean own = who.id().equals(task.createdBy().get(who.kind()));
    return own || who.siteAdmin() || task.where().grants().isEnvAdmin(task.where().env()) ? Verdict.allow()
        : Verdict.deny("only whoever created a task, an env Admin or a site admin may cancel it");
  }

  /** Progress is reported by the deployment the task is for (its own credential), or by a site admin. */
  static Verdict advance(Question question, Facts.Task task) {
    Identity who = question.who();
    if (who.siteAdmin() || (who.isDeployment() && who.id().equals(task.deployment()))) {
      return Verdict.allow();
    }
    return sees(who, task.where()) ? Verdict.deny("only the task's own deployment or a site admin may report its progress")
        : Verdict.hidden("deployment task");
  }

  /** A deployment's own credential: actions a Maintainer may invoke, where its minter lends it (checked before). */
  private static Verdict deploymentActs(TaskOperation operation, DeploymentRole required) {
    if (operation.actionId() == null) {
      return Verdict.deny("a deployment may only invoke actions");
    }
    return DeploymentRole.MAINTAINER.covers(required) ? Verdict.allow()
        : Verdict.deny("this action needs the Owner role, which a deployment does not hold");
  }

  private static boolean sees(Identity who, Facts.Placed where) {
    return who.siteAdmin() || EnvRules.sees(where.grants(), where.env(), where.kind());
  }
}
