package io.platz.api.schema;

import static io.platz.api.schema.Texts.CONTAINS;
import static io.platz.api.schema.Texts.PRINTABLE;
import static io.platz.api.schema.Texts.PRINTABLE_DOC;
import static io.platz.api.schema.Texts.UNCHANGED;
import static io.platz.api.schema.Texts.UNIQUE;
import static io.platz.api.schema.Texts.UNTIL_REVOKED;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.MayBeAbsent;
import io.platz.api.document.Nullable;
import java.time.Instant;
import java.util.UUID;

/** People, their API tokens, and the answer of a token just created. */
public final class UserSchemas {

  private UserSchemas() {
  }

  @Doc("A person.")
  public record User(
      UUID id,
      Instant createdAt,
      String displayName,
      @Doc(UNIQUE) String email,
      @Doc("A site admin.") boolean isAdmin,
      @Doc("A deactivated user cannot authenticate; deactivation revokes every token the user holds.") boolean isActive) {
  }

  public record NewUser(
      @Field(minLength = 1, maxLength = 200, pattern = PRINTABLE) @Doc(PRINTABLE_DOC) String displayName,
      @Field(maxLength = 320, format = "email") @Doc("An email address; unique, case-insensitive.") String email,
      @Field(defaultJson = "false") @Doc("null: false.") @MayBeAbsent @Nullable Boolean isAdmin) {
  }

  @Doc("Absent fields are left unchanged. Nobody changes their own is_admin or is_active.")
  public record UpdateUser(
      @Field(minLength = 1, maxLength = 200, pattern = PRINTABLE) @Doc(PRINTABLE_DOC + UNCHANGED) @MayBeAbsent @Nullable
      String displayName,
      @Doc("null: unchanged.") @MayBeAbsent @Nullable Boolean isAdmin,
      @Doc("false revokes every token the user holds, for good." + UNCHANGED) @MayBeAbsent @Nullable Boolean isActive) {
  }

  public record UserFilters(@Doc(CONTAINS) String displayName, @Doc(CONTAINS) String email, Boolean isActive,
                            Boolean isAdmin) {
  }

  @Doc("A live API token of a user; never the secret or its hash.")
  public record UserToken(
      UUID id,
      UUID userId,
      Instant createdAt,
      @Doc("Null for the token the server issues to the first site admin.") @Nullable UUID createdByUserId,
      @Nullable Instant lastUsedAt,
      @Nullable Instant expiresAt) {
  }

  public record NewUserToken(
      @Doc("Absent or null: the caller. Another user's: site admins only.") @MayBeAbsent @Nullable UUID userId,
      @Doc(UNTIL_REVOKED) @MayBeAbsent @Nullable Instant expiresAt) {
  }

  public record UserTokenFilters(UUID userId, UUID createdByUserId) {
  }

  @Doc("A token just created: the only answer that holds its secret.")
  public record CreatedToken(UUID id, @Doc("The token in clear; it is never shown again.") String createdToken) {
  }
}
