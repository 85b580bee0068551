-- The console's signed-in sessions, owned by the auth module: a session is a credential derived from a user token
-- (or from a sign-in through the identity provider), so it is kept and verified where tokens are, and the console
-- reaches it only over the event bus. Every instance reads the same rows, so a session works on all of them and
-- ends on all of them at once.
-- Nothing here is usable as a credential: the browser's cookie holds the session's secret, this table only a keyed
-- hash of it (HMAC-SHA-256, as for tokens), and the token a session signed in with only by its id.
CREATE TABLE console_sessions (
    id           uuid        PRIMARY KEY,
    secret_hash  bytea       NOT NULL UNIQUE,
    user_id      uuid        NOT NULL REFERENCES users (id),
    token_id     uuid        REFERENCES user_tokens (id),
    how          text        NOT NULL,
    from_address text        NOT NULL,
    signed_in_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id, signed_in_at);
CREATE INDEX console_sessions_last_seen ON console_sessions (last_seen_at);
