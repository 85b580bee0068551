package io.platz.audit.api;

import io.platz.common.auth.Identity;
import java.util.UUID;

/** Who did something, as an audit event records it: a user, bot or deployment with its token, or the system. */
public record Actor(String type, UUID id, UUID tokenId) {

  public static final Actor SYSTEM = new Actor("System", null, null);

  public static Actor of(Identity identity) {
    return new Actor(identity.kind().jsonName(), identity.id(), identity.tokenId());
  }
}
