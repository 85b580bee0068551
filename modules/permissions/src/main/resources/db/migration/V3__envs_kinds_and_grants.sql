-- Envs, deployment kinds and the grants of roles in them. Owned by the permissions module.
--
-- A grant's subject is a user or a bot, exactly one. Grants are the present only: removing one deletes it
-- (its history is in the audit trail). Envs and kinds are retired with deleted_at, like bots, so that audit
-- history and deployment tasks can still name them.
--
-- Changes that other modules' rows cause here happen in the same transaction, by the triggers below: a deleted
-- bot loses its grants; a new user joins the envs that add new users automatically.

CREATE TABLE envs (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at         timestamptz NOT NULL DEFAULT now(),
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    auto_add_new_users boolean     NOT NULL DEFAULT false,
    deleted_at         timestamptz
);
CREATE UNIQUE INDEX envs_live_name_unique ON envs (lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE deployment_kinds (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    actions    jsonb       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(actions) = 'array'),
    deleted_at timestamptz
);
CREATE UNIQUE INDEX deployment_kinds_live_name_unique ON deployment_kinds (lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE env_user_permissions (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    env_id     uuid        NOT NULL REFERENCES envs (id),
    user_id    uuid        REFERENCES users (id),
    bot_id     uuid        REFERENCES bots (id),
    role       text        NOT NULL CHECK (role IN ('Admin', 'User')),
    CONSTRAINT env_user_permissions_one_subject CHECK (num_nonnulls(user_id, bot_id) = 1)
);
CREATE UNIQUE INDEX env_user_permissions_user_unique ON env_user_permissions (env_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX env_user_permissions_bot_unique ON env_user_permissions (env_id, bot_id) WHERE bot_id IS NOT NULL;
CREATE INDEX env_user_permissions_user ON env_user_permissions (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX env_user_permissions_bot ON env_user_permissions (bot_id) WHERE bot_id IS NOT NULL;

CREATE TABLE deployment_permissions (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    env_id     uuid        NOT NULL REFERENCES envs (id),
    user_id    uuid        REFERENCES users (id),
    bot_id     uuid        REFERENCES bots (id),
    kind_id    uuid        NOT NULL REFERENCES deployment_kinds (id),
    role       text        NOT NULL CHECK (role IN ('Owner', 'Maintainer')),
    CONSTRAINT deployment_permissions_one_subject CHECK (num_nonnulls(user_id, bot_id) = 1)
);
CREATE UNIQUE INDEX deployment_permissions_user_unique ON deployment_permissions (env_id, kind_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX deployment_permissions_bot_unique ON deployment_permissions (env_id, kind_id, bot_id) WHERE bot_id IS NOT NULL;
CREATE INDEX deployment_permissions_user ON deployment_permissions (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX deployment_permissions_bot ON deployment_permissions (bot_id) WHERE bot_id IS NOT NULL;

-- A grant goes to a live bot only. FOR SHARE waits for a concurrent deletion of the bot and then sees it.
-- Errors raised with SQLSTATE PZnnn carry the HTTP status nnn to the API.
CREATE FUNCTION grants_to_live_bots_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.bot_id IS NOT NULL THEN
        PERFORM 1 FROM bots WHERE id = NEW.bot_id AND deleted_at IS NULL FOR SHARE;
        IF NOT FOUND AND EXISTS (SELECT 1 FROM bots WHERE id = NEW.bot_id) THEN
            RAISE EXCEPTION 'the bot is deleted; a deleted bot cannot be granted anything' USING ERRCODE = 'PZ400';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER env_user_permissions_live_bot BEFORE INSERT ON env_user_permissions
    FOR EACH ROW EXECUTE FUNCTION grants_to_live_bots_only();
CREATE TRIGGER deployment_permissions_live_bot BEFORE INSERT ON deployment_permissions
    FOR EACH ROW EXECUTE FUNCTION grants_to_live_bots_only();

-- Deleting a bot removes it from every env, recorded in the audit trail as done by the system, and tells the
-- permission caches of every process.
CREATE FUNCTION remove_grants_of_deleted_bot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH removed AS (DELETE FROM env_user_permissions WHERE bot_id = NEW.id RETURNING *)
    INSERT INTO audit_events (type, actor_type, env_id, subject_type, subject_id, data)
    SELECT 'env_role.removed', 'System', env_id, 'EnvUserPermission', id,
           jsonb_build_object('bot_id', bot_id, 'role', role, 'reason', 'bot deleted')
    FROM removed;
    WITH removed AS (DELETE FROM deployment_permissions WHERE bot_id = NEW.id RETURNING *)
    INSERT INTO audit_events (type, actor_type, env_id, subject_type, subject_id, data)
    SELECT 'deployment_role.removed', 'System', env_id, 'DeploymentPermission', id,
           jsonb_build_object('bot_id', bot_id, 'kind_id', kind_id, 'role', role, 'reason', 'bot deleted')
    FROM removed;
    PERFORM pg_notify('platz_grants', NEW.id::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER bots_deleted_remove_grants AFTER UPDATE OF deleted_at ON bots
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION remove_grants_of_deleted_bot();

-- A new user joins, as User, every live env that adds new users automatically.
CREATE FUNCTION add_new_user_to_envs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH added AS (
        INSERT INTO env_user_permissions (env_id, user_id, role)
        SELECT id, NEW.id, 'User' FROM envs WHERE auto_add_new_users AND deleted_at IS NULL
        RETURNING *)
    INSERT INTO audit_events (type, actor_type, env_id, subject_type, subject_id, data)
    SELECT 'env_role.granted', 'System', env_id, 'EnvUserPermission', id,
           jsonb_build_object('user_id', user_id, 'role', role, 'reason', 'env adds new users automatically')
    FROM added;
    RETURN NEW;
END
$$;
CREATE TRIGGER users_join_auto_add_envs AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION add_new_user_to_envs();
