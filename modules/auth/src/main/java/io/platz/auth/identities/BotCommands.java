package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.common.bus.Command;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.json.Text;
import io.platz.persistence.DbErrors;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.PageRequest;
import io.platz.persistence.sql.Pages;
import io.platz.persistence.sql.Rows;
import io.platz.persistence.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Bots: service identities managed by site admins. Deleting one retires its id for good: the row stays (with
 * {@code deleted_at}) so that history can name it, every token dies in the same transaction, and it can never
 * be renamed, given tokens or undeleted.
 */
public final class BotCommands {

  private static final int NAME_MAX = 100;
  private static final int DESCRIPTION_MAX = 2000;

  private final Pool pool;
  private final AuditTrail audit;
  private final CredentialEvictions evictions;

  public BotCommands(Pool pool, AuditTrail audit, CredentialEvictions evictions) {
    this.pool = pool;
    this.audit = audit;
    this.evictions = evictions;
  }

  public Future<JsonObject> list(Command command) {
    Fields query = Fields.query(command.params());
    Where where = new Where().andIf(query.string("display_name").map(Where::contains), "b.display_name ILIKE ?");
    if (!query.bool("include_deleted").orElse(false)) {
      where.and("b.deleted_at IS NULL");
    }
    return Pages.fetch(pool, Bots.COLUMNS, "bots b", where, "lower(b.display_name), b.id",
        PageRequest.from(command.params()), Bots::toJson);
  }

  /** A deleted bot is still answered, with {@code deleted_at} set, so that history can name it. */
  public Future<JsonObject> get(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return pool.preparedQuery("SELECT * FROM bots WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> Bots.toJson(Rows.one(rows, "bot")));
  }

  public Future<JsonObject> create(Command command) {
    Fields body = Fields.body(command.body());
    String name = Text.name("display_name", body.requireString("display_name"), NAME_MAX);
    String description = body.string("description").map(text -> Text.text("description", text, DESCRIPTION_MAX)).orElse(null);
    return Tx.run(pool, tx -> tx.sql()
            .preparedQuery("INSERT INTO bots (display_name, description) VALUES ($1, $2) RETURNING *")
            .execute(Tuple.of(name, description))
            .map(rows -> Bots.toJson(rows.iterator().next()))
            .compose(bot -> audit.record(tx,
                AuditEvent.about(AuditEventType.BOT_CREATED, Actor.of(command.actor()), UUID.fromString(bot.getString("id")))
                    .with(new JsonObject().put("display_name", name).put("description", description)))
                .map(bot)))
        .recover(BotCommands::nameTaken);
  }

  public Future<JsonObject> update(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Fields body = Fields.body(command.body());
    String name = body.string("display_name").map(text -> Text.name("display_name", text, NAME_MAX)).orElse(null);
    boolean describes = body.has("description");
    String description = body.string("description").map(text -> Text.text("description", text, DESCRIPTION_MAX)).orElse(null);
    return Tx.run(pool, tx -> liveForUpdate(tx, id).compose(current -> {
      JsonObject before = Bots.toJson(current);
      JsonObject changes = new JsonObject();
      if (name != null && !name.equals(before.getString("display_name"))) {
        changes.put("display_name", new JsonArray(List.of(before.getString("display_name"), name)));
      }
      if (describes && !Objects.equals(description, before.getString("description"))) {
        changes.put("description", new JsonArray().add(before.getString("description")).add(description));
      }
      if (changes.isEmpty()) {
        return Future.succeededFuture(before);
      }
      return tx.sql().preparedQuery("""
              UPDATE bots SET display_name = coalesce($2, display_name),
                              description = CASE WHEN $3 THEN $4 ELSE description END
              WHERE id = $1 RETURNING *""")
          .execute(Tuple.of(id, name, describes, description))
          .map(rows -> Bots.toJson(rows.iterator().next()))
          .compose(after -> audit.record(tx, AuditEvent.about(AuditEventType.BOT_UPDATED, Actor.of(command.actor()), id)
              .with(new JsonObject().put("changes", changes)))
              // the bot's name travels inside its cached credentials and answers to /auth/me
              .compose(recorded -> evictions.subject(tx, id))
              .map(after));
    })).recover(BotCommands::nameTaken);
  }

  /** One transaction: the bot is retired, its tokens revoked, and (by the permissions module's trigger) its grants removed. */
  public Future<Void> delete(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return Tx.run(pool, tx -> liveForUpdate(tx, id)
        .compose(bot -> tx.sql().preparedQuery("UPDATE bots SET deleted_at = now() WHERE id = $1").execute(Tuple.of(id))
            .compose(done -> tx.sql()
                .preparedQuery("UPDATE bot_tokens SET revoked_at = now() WHERE bot_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(id)))
            .compose(revoked -> audit.record(tx,
                AuditEvent.about(AuditEventType.BOT_DELETED, Actor.of(command.actor()), id)
                    .with(new JsonObject().put("display_name", bot.getString("display_name"))
                        .put("tokens_revoked", revoked.rowCount()))))
            .compose(recorded -> audit.recordConsequences(tx))
            .compose(recorded -> evictions.subject(tx, id))));
  }

  /** The bot, locked for this transaction; 404 if unknown, 409 if deleted. */
  static Future<Row> liveForUpdate(Tx tx, UUID id) {
    return tx.sql().preparedQuery("SELECT * FROM bots WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
        .map(rows -> {
          Row bot = Rows.one(rows, "bot");
          if (bot.getOffsetDateTime("deleted_at") != null) {
            throw ApiError.conflict("the bot is deleted; a deleted bot cannot be changed or given tokens");
          }
          return bot;
        });
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    return Future.failedFuture(DbErrors.isUniqueViolation(failure)
        ? ApiError.conflict("a bot with this name already exists") : failure);
  }
}
