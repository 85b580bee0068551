package io.platz.permissions.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.auth.Identity;
import io.platz.common.auth.IdentityKind;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import io.platz.common.permissions.Scope;
import io.platz.common.permissions.Scope.EnvKind;
import io.platz.permissions.grants.GrantSet;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules on facts made here: no database, no bus. Who may do what through the API is RoleMatrixTest's. */
class RulesTest {

  private static final UUID PROD = UUID.randomUUID();
  private static final UUID STAGING = UUID.randomUUID();
  private static final UUID WEB = UUID.randomUUID();
  private static final UUID DB = UUID.randomUUID();

  private final Identity admin = person(true);
  private final Identity kim = person(false);
  private final Identity bot = new Identity(IdentityKind.BOT, UUID.randomUUID(), UUID.randomUUID(), false, null, "ci");
  private final Identity deployment = new Identity(IdentityKind.DEPLOYMENT, UUID.randomUUID(), UUID.randomUUID(), false,
      PROD, "web-1", new Identity.Minter(kim.id(), false));

  /** Admin of staging, Maintainer of web in prod. */
  private final GrantSet kims = new GrantSet(Map.of(STAGING, EnvRole.ADMIN),
      Map.of(new EnvKind(PROD, WEB), DeploymentRole.MAINTAINER));

  @Test
  void everyActionHasARule() {
    for (Action action : Action.values()) {
      assertThat(Rules.of(action)).as(action.name()).isNotNull();
    }
  }

  @Test
  void peopleAndBotsAreReadByUsersOnly() {
    assertThat(IdentityRules.readPeople(ask(kim))).isEqualTo(Verdict.read(Scope.ALL));
    assertThat(IdentityRules.readPeople(ask(bot))).satisfies(RulesTest::forbidden);
    assertThat(IdentityRules.siteAdmin(ask(kim))).satisfies(RulesTest::forbidden);
    assertThat(IdentityRules.siteAdmin(ask(admin))).isEqualTo(Verdict.allow());
  }

  @Test
  void aSiteAdminChangesOthersFlagsButNotTheirOwn() {
    JsonObject flags = new JsonObject().put("is_admin", false);
    assertThat(IdentityRules.updateUser(ask(admin, params(admin.id()), flags)))
        .isEqualTo(Verdict.deny("you cannot change your own is_admin or is_active"));
    assertThat(IdentityRules.updateUser(ask(admin, params(admin.id()), new JsonObject().put("display_name", "A"))))
        .isEqualTo(Verdict.allow());
    assertThat(IdentityRules.updateUser(ask(admin, params(kim.id()), flags))).isEqualTo(Verdict.allow());
  }

  @Test
  void someoneElsesUserTokenIsNotFoundAndOnesOwnIsRevoked() {
    Question question = ask(kim, params(UUID.randomUUID()), new JsonObject());
    assertThat(IdentityRules.revokeUserToken(question, Optional.of(UUID.randomUUID()))).isEqualTo(Verdict.hidden("user token"));
    assertThat(IdentityRules.revokeUserToken(question, Optional.of(kim.id()))).isEqualTo(Verdict.allow());
    assertThat(IdentityRules.revokeUserToken(ask(bot), Optional.empty())).satisfies(RulesTest::forbidden);
  }

  @Test
  void anEnvIsHiddenFromWhoeverHoldsNothingInItAndRenamedOnlyBySiteAdmins() {
    assertThat(EnvRules.updateEnv(ask(kim, params(UUID.randomUUID()), new JsonObject()), kims)).isEqualTo(Verdict.hidden("env"));
    assertThat(EnvRules.updateEnv(ask(kim, params(PROD), new JsonObject()), kims))
        .as("seen through a kind role, not administered").satisfies(RulesTest::forbidden);
    assertThat(EnvRules.updateEnv(ask(kim, params(STAGING), new JsonObject().put("auto_add_new_users", true)), kims))
        .isEqualTo(Verdict.allow());
    assertThat(EnvRules.updateEnv(ask(kim, params(STAGING), new JsonObject().put("name", "stage")), kims))
        .isEqualTo(Verdict.deny("only site admins may rename an env"));
    assertThat(EnvRules.deleteEnv(ask(kim, params(STAGING), new JsonObject()), kims)).satisfies(RulesTest::forbidden);
    assertThat(EnvRules.deleteEnv(ask(admin, params(STAGING), new JsonObject()), GrantSet.NONE)).isEqualTo(Verdict.allow());
  }

  @Test
  void theAuditTrailIsReadInTheEnvsOneAdministers() {
    assertThat(EnvRules.readAudit(ask(kim), kims)).isEqualTo(Verdict.read(Scope.envs(List.of(STAGING), List.of())));
    assertThat(EnvRules.readAudit(ask(kim), new GrantSet(Map.of(PROD, EnvRole.USER), Map.of())))
        .satisfies(RulesTest::forbidden);
  }

  @Test
  void aMaintainerUpdatesADeploymentButDoesNotDeleteItAndSeesNoneOfAnotherKind() {
    Facts.Placed web = new Facts.Placed(kims, PROD, WEB);
    assertThat(EnvRules.onDeployment(DeploymentRole.MAINTAINER).decide(ask(kim), web)).isEqualTo(Verdict.allow());
    assertThat(EnvRules.onDeployment(DeploymentRole.OWNER).decide(ask(kim), web))
        .isEqualTo(Verdict.deny("you need the Owner role on this deployment kind in this env"));
    assertThat(EnvRules.onDeployment(DeploymentRole.MAINTAINER).decide(ask(kim), new Facts.Placed(kims, PROD, DB)))
        .isEqualTo(Verdict.hidden("deployment"));
    assertThat(EnvRules.onDeployment(DeploymentRole.OWNER).decide(ask(kim), new Facts.Placed(kims, STAGING, DB)))
        .as("an env Admin holds every role in its env").isEqualTo(Verdict.allow());
  }

  @Test
  void noOneRemovesTheirOwnGrant() {
    Facts.GrantRow own = new Facts.GrantRow(kims, STAGING, kim.id());
    assertThat(EnvRules.removeGrant(ask(kim), own)).isEqualTo(Verdict.conflict("you cannot remove your own permission"));
    assertThat(EnvRules.removeGrant(ask(kim), new Facts.GrantRow(kims, STAGING, bot.id()))).isEqualTo(Verdict.allow());
    assertThat(EnvRules.removeGrant(ask(kim), new Facts.GrantRow(kims, UUID.randomUUID(), bot.id())))
        .isEqualTo(Verdict.hidden("permission"));
  }

  @Test
  void aKindsActionsAreNamedOnlyToWhoeverSeesTheDeployment() {
    TaskOperation unknown = invoke("no-such-action");
    assertThat(TaskRules.create(ask(kim), new Facts.NewTask(new Facts.Placed(kims, PROD, DB), unknown, Optional.empty())))
        .isEqualTo(Verdict.hidden("deployment"));
    assertThat(TaskRules.create(ask(kim), new Facts.NewTask(new Facts.Placed(kims, PROD, WEB), unknown, Optional.empty())))
        .isEqualTo(Verdict.invalid("the deployment kind has no action 'no-such-action'"));
  }

  @Test
  void aDeploymentInvokesMaintainersActionsOnly() {
    GrantSet lent = kims.lentToDeployment(PROD, false);
    Facts.Placed web = new Facts.Placed(lent, PROD, WEB);
    assertThat(TaskRules.create(ask(deployment), new Facts.NewTask(web, invoke("restart"), Optional.of(DeploymentRole.MAINTAINER))))
        .isEqualTo(Verdict.allow());
    assertThat(TaskRules.create(ask(deployment), new Facts.NewTask(web, invoke("drop"), Optional.of(DeploymentRole.OWNER))))
        .isEqualTo(Verdict.deny("this action needs the Owner role, which a deployment does not hold"));
    TaskOperation upgrade = new TaskOperation(TaskOperation.UPGRADE, new JsonObject());
    assertThat(TaskRules.create(ask(deployment), new Facts.NewTask(web, upgrade, Optional.of(DeploymentRole.MAINTAINER))))
        .isEqualTo(Verdict.deny("a deployment may only invoke actions"));
  }

  @Test
  void aTaskIsCanceledByItsCreatorAndAdvancedByItsOwnDeployment() {
    UUID deploymentId = deployment.id();
    Facts.Task kimsTask = new Facts.Task(new Facts.Placed(kims, PROD, WEB), deploymentId, Map.of(IdentityKind.USER, kim.id()));
    Facts.Task botsTask = new Facts.Task(new Facts.Placed(kims, PROD, WEB), deploymentId, Map.of(IdentityKind.BOT, bot.id()));
    assertThat(TaskRules.cancel(ask(kim), kimsTask)).isEqualTo(Verdict.allow());
    assertThat(TaskRules.cancel(ask(kim), botsTask)).satisfies(RulesTest::forbidden);
    assertThat(TaskRules.advance(ask(deployment), kimsTask)).isEqualTo(Verdict.allow());
    assertThat(TaskRules.advance(ask(kim), kimsTask)).satisfies(RulesTest::forbidden);
    assertThat(TaskRules.advance(ask(kim), new Facts.Task(new Facts.Placed(kims, PROD, DB), deploymentId, Map.of())))
        .isEqualTo(Verdict.hidden("deployment task"));
  }

  private static void forbidden(Verdict verdict) {
    assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> assertThat(refused.status()).isEqualTo(403));
  }

  private static Identity person(boolean siteAdmin) {
    return new Identity(IdentityKind.USER, UUID.randomUUID(), UUID.randomUUID(), siteAdmin, null, "someone");
  }

  private static TaskOperation invoke(String action) {
    return new TaskOperation(TaskOperation.INVOKE_ACTION, new JsonObject().put("action_id", action));
  }

  private static JsonObject params(UUID id) {
    return new JsonObject().put("id", id.toString());
  }

  private static Question ask(Identity who) {
    return ask(who, new JsonObject(), new JsonObject());
  }

  private static Question ask(Identity who, JsonObject params, JsonObject body) {
    return new Question(who, params, body);
  }
}
