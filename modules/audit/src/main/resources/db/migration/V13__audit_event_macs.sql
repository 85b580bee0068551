-- Every audit event row carries a MAC, under a key derived from the server key, written by the transaction that
-- wrote the event. The database never sees the key, so whoever writes to it directly (its owner included) cannot
-- make a row the audit pump accepts: the pump numbers only rows with a valid MAC and records the others here.
-- Events written before this migration have none; those already numbered are vouched for by the chain.
--
-- Written so that it can run again over its own objects (IF NOT EXISTS, OR REPLACE): the upgrade test puts the
-- tables back as V10 left them, keeping these, to upgrade across V11 again.

ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS mac bytea;

-- Rows the pump would not number: a bad or missing MAC, or an id another row carries too. Kept so that the pump
-- does not look at them again (an inserted row's transaction id is whatever its author wrote) and does not stall.
CREATE TABLE IF NOT EXISTS audit_refused (
    position   bigint      PRIMARY KEY,
    refused_at timestamptz NOT NULL DEFAULT now()
);

-- What a trigger of another module did in the same transaction and the audit trail must record: the trigger
-- cannot compute a MAC (the key never reaches the database), so it leaves the facts here and the Java code of the
-- transaction records them as events (AuditTrail.recordConsequences), before it commits.
CREATE TABLE IF NOT EXISTS audit_consequences (
    xact         bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    type         text   NOT NULL,
    env_id       uuid,
    subject_type text   NOT NULL,
    subject_id   uuid,
    data         jsonb  NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_consequences_xact ON audit_consequences (xact);

-- The two triggers of the permissions module (V3) that wrote events themselves now leave their facts instead.
CREATE OR REPLACE FUNCTION remove_grants_of_deleted_bot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH removed AS (DELETE FROM env_user_permissions WHERE bot_id = NEW.id RETURNING *)
    INSERT INTO audit_consequences (type, env_id, subject_type, subject_id, data)
    SELECT 'env_role.removed', env_id, 'EnvUserPermission', id,
           jsonb_build_object('bot_id', bot_id, 'role', role, 'reason', 'bot deleted')
    FROM removed;
    WITH removed AS (DELETE FROM deployment_permissions WHERE bot_id = NEW.id RETURNING *)
    INSERT INTO audit_consequences (type, env_id, subject_type, subject_id, data)
    SELECT 'deployment_role.removed', env_id, 'DeploymentPermission', id,
           jsonb_build_object('bot_id', bot_id, 'kind_id', kind_id, 'role', role, 'reason', 'bot deleted')
    FROM removed;
    PERFORM pg_notify('platz_grants', NEW.id::text);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION add_new_user_to_envs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH added AS (
        INSERT INTO env_user_permissions (env_id, user_id, role)
        SELECT id, NEW.id, 'User' FROM envs WHERE auto_add_new_users AND deleted_at IS NULL
        RETURNING *)
    INSERT INTO audit_consequences (type, env_id, subject_type, subject_id, data)
    SELECT 'env_role.granted', env_id, 'EnvUserPermission', id,
           jsonb_build_object('user_id', user_id, 'role', role, 'reason', 'env adds new users automatically')
    FROM added;
    RETURN NEW;
END
$$;
