package io.platz.console.view;

public record BotRow(String id, String name, String description, String createdAt, String deletedAt) {

  public boolean deleted() {
    return deletedAt != null;
  }
}
