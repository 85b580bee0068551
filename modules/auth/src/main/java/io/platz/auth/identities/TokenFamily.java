package io.platz.auth.identities;

import io.platz.audit.api.AuditEventType;
import io.platz.common.token.TokenKind;

/** User tokens and bot tokens work alike; this is where they differ. */
public enum TokenFamily {
  USER(TokenKind.USER, "user_tokens", "user_id", "users", "user",
      AuditEventType.USER_TOKEN_CREATED, AuditEventType.USER_TOKEN_REVOKED),
  BOT(TokenKind.BOT, "bot_tokens", "bot_id", "bots", "bot",
      AuditEventType.BOT_TOKEN_CREATED, AuditEventType.BOT_TOKEN_REVOKED);

  final TokenKind kind;
  final String table;
  final String ownerColumn;
  final String ownerTable;
  final String ownerName;
  final AuditEventType createdEvent;
  final AuditEventType revokedEvent;

  TokenFamily(TokenKind kind, String table, String ownerColumn, String ownerTable, String ownerName,
              AuditEventType createdEvent, AuditEventType revokedEvent) {
    this.kind = kind;
    this.table = table;
    this.ownerColumn = ownerColumn;
    this.ownerTable = ownerTable;
    this.ownerName = ownerName;
    this.createdEvent = createdEvent;
    this.revokedEvent = revokedEvent;
  }

  String columns() {
    return "t.id, t." + ownerColumn + ", t.created_at, t.created_by_user_id, t.last_used_at, t.expires_at";
  }
}
