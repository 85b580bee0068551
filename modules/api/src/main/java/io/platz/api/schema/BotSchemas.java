package io.platz.api.schema;

import static io.platz.api.schema.Texts.CONTAINS;
import static io.platz.api.schema.Texts.MULTILINE;
import static io.platz.api.schema.Texts.MULTILINE_DOC;
import static io.platz.api.schema.Texts.PRINTABLE;
import static io.platz.api.schema.Texts.PRINTABLE_DOC;
import static io.platz.api.schema.Texts.UNCHANGED;
import static io.platz.api.schema.Texts.UNTIL_REVOKED;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.MayBeAbsent;
import io.platz.api.document.Nullable;
import java.time.Instant;
import java.util.UUID;

/** Service identities and their API tokens. */
public final class BotSchemas {

  private BotSchemas() {
  }

  @Doc("A service identity: no email, no login, never a site admin.")
  public record Bot(
      UUID id,
      Instant createdAt,
      @Doc("Unique among live bots, case-insensitive.") String displayName,
      @Nullable String description,
      @Doc("Set once the bot is deleted; a deleted bot is still answered by id.") @Nullable Instant deletedAt) {
  }

  public record NewBot(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC) String displayName,
      @Field(maxLength = 2000, pattern = MULTILINE) @Doc(MULTILINE_DOC) @MayBeAbsent @Nullable String description) {
  }

  @Doc("Absent fields are left unchanged.")
  public record UpdateBot(
      @Field(minLength = 1, maxLength = 100, pattern = PRINTABLE) @Doc(PRINTABLE_DOC + UNCHANGED) @MayBeAbsent @Nullable
      String displayName,
      @Field(maxLength = 2000, pattern = MULTILINE) @Doc("null clears it. " + MULTILINE_DOC) @MayBeAbsent @Nullable
      String description) {
  }

  public record BotFilters(@Doc(CONTAINS) String displayName, @Field(defaultJson = "false") Boolean includeDeleted) {
  }

  @Doc("A live API token of a bot; never the secret or its hash.")
  public record BotToken(
      UUID id,
      UUID botId,
      Instant createdAt,
      UUID createdByUserId,
      @Nullable Instant lastUsedAt,
      @Nullable Instant expiresAt) {
  }

  public record NewBotToken(UUID botId, @Doc(UNTIL_REVOKED) @MayBeAbsent @Nullable Instant expiresAt) {
  }

  public record BotTokenFilters(UUID botId, UUID createdByUserId) {
  }
}
