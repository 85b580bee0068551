package io.platz.console.view;

public record AuditRow(long seq, String occurredAt, String type, Principal actor, String env, String subjectType,
                       String subjectId, String data) {
}
