package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.platz.common.json.Fields;
import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import io.platz.common.permissions.Scope;
import io.platz.permissions.grants.GrantSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules for envs and what is in them, the same for users and bots: a site admin (a user) may do anything;
 * anyone else acts on what their grants allow and sees nothing else. What they cannot see is answered as not
 * found, what they see but may not do as forbidden. A deployment identity sees, in its own env, what its minter
 * lends it ({@link GrantSet#lentToDeployment}), sees no grants and changes nothing here: it only invokes actions.
 */
final class EnvRules {

  private static final String ENV_ADMINS = "only an Admin of this env (or a site admin) may do this";

  private EnvRules() {
  }

  static Verdict readEnvs(Question question, GrantSet grants) {
    return Verdict.read(question.who().siteAdmin() ? Scope.ALL : grants.envScope());
  }

  static Verdict readGrants(Question question, GrantSet grants) {
    Identity who = question.who();
    return Verdict.read(who.siteAdmin() ? Scope.ALL : who.isDeployment() ? Scope.NONE : grants.grantScope());
  }

  static Verdict readDeployments(Question question, GrantSet grants) {
    return Verdict.read(question.who().siteAdmin() ? Scope.ALL : grants.deploymentScope());
  }

  /**
   * Site admins read every event; env Admins the events of their envs; nobody else any. An {@code env_id} filter
   * on an env outside an env Admin's is refused rather than answered empty: as not found where they cannot see the
   * env, as forbidden where they can.
   */
  static Verdict readAudit(Question question, GrantSet grants) {
    if (question.who().siteAdmin()) {
      return Verdict.read(Scope.ALL);
    }
    List<UUID> administered = grants.envRoles().entrySet().stream()
        .filter(role -> role.getValue() == EnvRole.ADMIN).map(Map.Entry::getKey).toList();
    if (administered.isEmpty()) {
      return Verdict.deny("only site admins and env Admins may read the audit trail");
    }
    Optional<UUID> filtered = Fields.query(question.params()).uuid("env_id");
    if (filtered.isPresent() && !administered.contains(filtered.get())) {
      return grants.seesEnv(filtered.get()) ? Verdict.deny(ENV_ADMINS) : Verdict.hidden("env");
    }
    return Verdict.read(Scope.envs(administered, List.of()));
  }

  static Verdict updateEnv(Question question, GrantSet grants) {
    if (question.who().siteAdmin()) {
      return Verdict.allow();
    }
    UUID env = Fields.parseUuid("id", question.params().getString("id"));
    if (!grants.seesEnv(env)) {
      return Verdict.hidden("env");
    }
    if (!grants.isEnvAdmin(env)) {
      return Verdict.deny(ENV_ADMINS);
    }
    return question.body().containsKey("name") ? Verdict.deny("only site admins may rename an env") : Verdict.allow();
  }

  /** Site admins only; to anyone who cannot even see the env it does not exist. */
  static Verdict deleteEnv(Question question, GrantSet grants) {
    if (question.who().siteAdmin()) {
      return Verdict.allow();
    }
    UUID env = Fields.parseUuid("id", question.params().getString("id"));
    return grants.seesEnv(env) ? Verdict.deny("only site admins may delete an env") : Verdict.hidden("env");
  }

  /** Only env Admins grant, and an Admin holds every role there is in its env, so nobody grants above their own. */
  static Verdict grant(Question question, GrantSet grants) {
    return envAdmin(question.who(), grants, Fields.body(question.body()).requireUuid("env_id"));
  }

  static Verdict removeGrant(Question question, Facts.GrantRow grant) {
    Identity who = question.who();
    if (!who.siteAdmin() && !grant.grants().seesEnv(grant.env())) {
      return Verdict.hidden("permission");
    }
    if (who.id().equals(grant.subject())) {
      return Verdict.conflict("you cannot remove your own permission");
    }
    return envAdmin(who, grant.grants(), grant.env());
  }

  static Verdict createDeployment(Question question, GrantSet grants) {
    Fields body = Fields.body(question.body());
    return onKind(question.who(), grants, body.requireUuid("env_id"), body.requireUuid("kind_id"), DeploymentRole.OWNER);
  }

  static Rule.Decider<Facts.Placed> onDeployment(DeploymentRole required) {
    return (question, deployment) -> {
      Identity who = question.who();
      if (!who.siteAdmin() && !sees(deployment.grants(), deployment.env(), deployment.kind())) {
        return Verdict.hidden("deployment");
      }
      return onKind(who, deployment.grants(), deployment.env(), deployment.kind(), required);
    };
  }

  /** Acting on deployments of a kind in an env: the role on the kind, or env Admin, or site admin. */
  static Verdict onKind(Identity who, GrantSet grants, UUID env, UUID kind, DeploymentRole required) {
    if (who.siteAdmin() || grants.isEnvAdmin(env)) {
      return Verdict.allow();
    }
    if (!grants.seesEnv(env)) {
      return Verdict.hidden("env");
    }
    if (who.isDeployment()) {
      return Verdict.deny("a deployment may only invoke actions");
    }
    boolean holds = grants.kindRole(env, kind).map(role -> role.covers(required)).orElse(false);
    return holds ? Verdict.allow()
        : Verdict.deny("you need the " + required.jsonName() + " role on this deployment kind in this env");
  }

  /** Whether grants let their holder see the deployments of a kind in an env. */
  static boolean sees(GrantSet grants, UUID env, UUID kind) {
    Scope scope = grants.deploymentScope();
    return scope.all() || scope.envIds().contains(env) || scope.envKinds().contains(new Scope.EnvKind(env, kind));
  }

  private static Verdict envAdmin(Identity who, GrantSet grants, UUID env) {
    if (who.siteAdmin()) {
      return Verdict.allow();
    }
    if (!grants.seesEnv(env)) {
      return Verdict.hidden("env");
    }
    return grants.isEnvAdmin(env) ? Verdict.allow() : Verdict.deny(ENV_ADMINS);
  }
}
