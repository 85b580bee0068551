package io.platz.permissions.grants;

import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import io.platz.common.permissions.Scope.EnvKind;
import io.platz.common.permissions.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every role a user or bot holds: its env roles, and its deployment roles per (env, kind); for a deployment
 * credential, what its minter lends it.
 */
public record GrantSet(Map<UUID, EnvRole> envRoles, Map<EnvKind, DeploymentRole> kindRoles) {

  public static final GrantSet NONE = new GrantSet(Map.of(), Map.of());

  public Optional<EnvRole> envRole(UUID envId) {
    return Optional.ofNullable(envRoles.get(envId));
  }

  public Optional<DeploymentRole> kindRole(UUID envId, UUID kindId) {
    return Optional.ofNullable(kindRoles.get(new EnvKind(envId, kindId)));
  }

  public boolean isEnvAdmin(UUID envId) {
    return envRoles.get(envId) == EnvRole.ADMIN;
  }

  /** An env role, or a deployment role on any kind in it. */
  public boolean seesEnv(UUID envId) {
    return envRoles.containsKey(envId) || kindRoles.keySet().stream().anyMatch(ek -> ek.envId().equals(envId));
  }

  /** Envs seen wholly (an env role) plus the kinds seen in other envs (deployment roles only). */
  public Scope deploymentScope() {
    List<EnvKind> partial = new ArrayList<>();
    kindRoles.keySet().stream().filter(ek -> !envRoles.containsKey(ek.envId())).forEach(partial::add);
    return Scope.envs(List.copyOf(envRoles.keySet()), partial);
  }

  /**
   * What a deployment credential in {@code env} minted by the holder of these grants acts with: the whole env, as
   * its User, when the holder is a site admin or Admin there; otherwise Maintainer of each kind the holder holds a
   * role on there, and nothing else. Never more than the holder may maintain, and never a role that grants.
   */
  public GrantSet lentToDeployment(UUID env, boolean holderIsSiteAdmin) {
    if (holderIsSiteAdmin || isEnvAdmin(env)) {
      return new GrantSet(Map.of(env, EnvRole.USER), Map.of());
    }
    Map<EnvKind, DeploymentRole> maintained = new HashMap<>();
    kindRoles.keySet().stream().filter(ek -> ek.envId().equals(env)).forEach(ek -> maintained.put(ek, DeploymentRole.MAINTAINER));
    return new GrantSet(Map.of(), Map.copyOf(maintained));
  }

  /** Every env the subject sees at all. */
  public Scope envScope() {
    Set<UUID> envs = new LinkedHashSet<>(envRoles.keySet());
    kindRoles.keySet().forEach(ek -> envs.add(ek.envId()));
    return Scope.envs(List.copyOf(envs), List.of());
  }

  /** The envs whose grants the subject sees: those where it holds an env role. */
  public Scope grantScope() {
    return Scope.envs(List.copyOf(envRoles.keySet()), List.of());
  }
}
