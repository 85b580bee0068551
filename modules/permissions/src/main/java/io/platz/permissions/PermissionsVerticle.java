package io.platz.permissions;

import io.platz.common.bus.Health;
import io.platz.common.permissions.PermissionsRequests.Decide;
import io.platz.common.permissions.PermissionsRequests.Decision;
import io.platz.common.permissions.PermissionsRequests.PermissionsCommand;
import io.platz.permissions.checks.AccessChecks;
import io.platz.permissions.decisions.FactLoader;
import io.platz.permissions.decisions.Question;
import io.platz.permissions.decisions.Rules;
import io.platz.permissions.decisions.Verdict;
import io.platz.permissions.envs.KindCache;
import io.platz.permissions.grants.GrantCache;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/**
 * Decides, over the event bus, whether an identity may do an action and what it may see: it loads the facts the
 * action's rule needs ({@link FactLoader}), then the rule decides on them alone ({@link Rules}). Grants and the
 * roles of kinds' actions are read through the process's caches, so a decision usually needs no database of its own.
 */
public final class PermissionsVerticle extends ModuleVerticle {

  private final GrantCache grants;
  private final KindCache kinds;
  private FactLoader facts;

  public PermissionsVerticle(ModuleContext context, GrantCache grants, KindCache kinds) {
    super(context);
    this.grants = grants;
    this.kinds = kinds;
  }

  @Override
  protected Health.Component component() {
    return Health.Component.PERMISSIONS;
  }

  @Override
  protected Future<?> register() {
    facts = new FactLoader(bus, pool, grants, kinds);
    AccessChecks checks = new AccessChecks(facts);
    serve(Decide.class, this::decide);
    serveCommands(PermissionsCommand.class, (operation, command) -> switch (operation) {
      case CHECK -> checks.answer(command);
    });
    return Future.succeededFuture();
  }

  private Future<Decision> decide(Decide request) {
    Question question = new Question(request.identity(), request.params(), request.body());
    return Rules.of(request.action()).apply(facts, question).compose(Verdict::reply);
  }
}
