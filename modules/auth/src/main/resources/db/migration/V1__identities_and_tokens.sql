-- Identities (users, bots) and their API tokens. Owned by the auth module.
-- Rows are never deleted: a bot is retired with deleted_at and a token with revoked_at, so that audit
-- history can always name who acted and with which credential.

CREATE TABLE users (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at   timestamptz NOT NULL DEFAULT now(),
    display_name text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    email        text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    is_admin     boolean     NOT NULL DEFAULT false,
    is_active    boolean     NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

CREATE TABLE bots (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at   timestamptz NOT NULL DEFAULT now(),
    display_name text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    description  text        CHECK (length(description) <= 2000),
    deleted_at   timestamptz
);
-- names are unique among live bots only: a deleted bot's name may be taken again, its id never
CREATE UNIQUE INDEX bots_live_name_unique ON bots (lower(display_name)) WHERE deleted_at IS NULL;

-- The token id is part of the token string; only a keyed hash (HMAC-SHA-256) of the secret is stored.
CREATE TABLE user_tokens (
    id                 uuid        PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by_user_id uuid        REFERENCES users (id),
    secret_hash        bytea       NOT NULL,
    expires_at         timestamptz,
    last_used_at       timestamptz,
    revoked_at         timestamptz
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, created_at);

CREATE TABLE bot_tokens (
    id                 uuid        PRIMARY KEY,
    bot_id             uuid        NOT NULL REFERENCES bots (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by_user_id uuid        NOT NULL REFERENCES users (id),
    secret_hash        bytea       NOT NULL,
    expires_at         timestamptz,
    last_used_at       timestamptz,
    revoked_at         timestamptz
);
CREATE INDEX bot_tokens_bot ON bot_tokens (bot_id, created_at);
