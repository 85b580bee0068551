package io.platz.permissions.decisions;

import io.platz.common.auth.AuthRequests.UserTokenOwner;
import io.platz.common.auth.Identity;
import io.platz.common.bus.ModuleBus;
import io.platz.common.deployments.DeploymentsRequests.LocateDeployment;
import io.platz.common.deployments.DeploymentsRequests.LocateTask;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.json.Fields;
import io.platz.common.permissions.DeploymentRole;
import io.platz.permissions.envs.KindCache;
import io.platz.permissions.grants.GrantCache;
import io.platz.permissions.grants.GrantCommands;
import io.platz.permissions.grants.GrantFamily;
import io.platz.permissions.grants.GrantSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads the facts a rule decides on: grants through the process's cache, where a deployment or task is from the
 * deployments module, a grant row, a token's owner. It decides nothing; {@link Rules} names which facts each
 * action's rule needs. A missing row fails here as not found, before any rule runs.
 */
public final class FactLoader {

  private final ModuleBus bus;
  private final Pool pool;
  private final GrantCache grantCache;
  private final KindCache kinds;

  public FactLoader(ModuleBus bus, Pool pool, GrantCache grantCache, KindCache kinds) {
    this.bus = bus;
    this.pool = pool;
    this.grantCache = grantCache;
    this.kinds = kinds;
  }

  /** For a rule that needs nothing beyond the question. */
  Future<Void> nothing(Question question) {
    return Future.succeededFuture();
  }

  /**
   * What the asker holds. A site admin needs none; a deployment credential holds what its minter lends it, so it
   * reaches no further than the minter.
   */
  Future<GrantSet> grants(Question question) {
    Identity who = question.who();
    if (who.siteAdmin()) {
      return Future.succeededFuture(GrantSet.NONE);
    }
    if (who.isDeployment()) {
      return grantCache.grantsOf(pool, who.minter().id())
          .map(minter -> minter.lentToDeployment(who.envId(), who.minter().siteAdmin()));
    }
    return grantCache.grantsOf(pool, who.id());
  }

  /** The deployment the path names. */
  Future<Facts.Placed> deployment(Question question) {
    UUID id = Fields.parseUuid("id", question.params().getString("id"));
    return grants(question).compose(grants -> placed(grants, id));
  }

  /** The deployment the body names, and the role the operation asked for needs on its kind. */
  Future<Facts.NewTask> newTask(Question question) {
    UUID deployment = Fields.body(question.body()).requireUuid("deployment_id");
    TaskOperation operation = TaskOperation.from(question.body());
    return grants(question).compose(grants -> placed(grants, deployment))
        .compose(where -> requiredRole(where.kind(), operation).map(role -> new Facts.NewTask(where, operation, role)));
  }

  /** The task the path names. */
  Future<Facts.Task> task(Question question) {
    UUID id = Fields.parseUuid("id", question.params().getString("id"));
    return grants(question).compose(grants -> bus.ask(new LocateTask(id)).map(task ->
        new Facts.Task(new Facts.Placed(grants, task.envId(), task.kindId()), task.deploymentId(), task.createdBy())));
  }

  Future<Facts.GrantRow> envGrant(Question question) {
    return grantRow(question, GrantFamily.ENV_ROLE);
  }

  Future<Facts.GrantRow> deploymentGrant(Question question) {
    return grantRow(question, GrantFamily.DEPLOYMENT_ROLE);
  }

  /** Whose the user token in the path is; looked up only for a user who is not a site admin, the one it matters to. */
  Future<Optional<UUID>> userTokenOwner(Question question) {
    Identity who = question.who();
    if (!who.isUser() || who.siteAdmin()) {
      return Future.succeededFuture(Optional.empty());
    }
    UUID token = Fields.parseUuid("id", question.params().getString("id"));
    return bus.ask(new UserTokenOwner(token)).map(Optional::of);
  }

  private Future<Facts.GrantRow> grantRow(Question question, GrantFamily family) {
    UUID id = Fields.parseUuid("id", question.params().getString("id"));
    return grants(question).compose(grants -> GrantCommands.locate(pool, family, id).map(row -> {
      UUID subject = row.getUUID("user_id") != null ? row.getUUID("user_id") : row.getUUID("bot_id");
      return new Facts.GrantRow(grants, row.getUUID("env_id"), subject);
    }));
  }

  /** A fixed operation's role, or the role the kind gives the action; empty when the kind has no such action. */
  private Future<Optional<DeploymentRole>> requiredRole(UUID kind, TaskOperation operation) {
    if (operation.actionId() == null) {
      return Future.succeededFuture(Optional.of(operation.fixedRole()));
    }
    return kinds.roleOf(pool, kind, operation.actionId());
  }

  private Future<Facts.Placed> placed(GrantSet grants, UUID deployment) {
    return bus.ask(new LocateDeployment(deployment)).map(where -> new Facts.Placed(grants, where.envId(), where.kindId()));
  }
}
