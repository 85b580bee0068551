-- Deployments. Owned by the deployments module.
-- A deployment lives in one env and is of one kind, for good. Deleting it retires it (deleted_at): its tasks
-- and the audit trail keep naming it.

CREATE TABLE deployments (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at     timestamptz NOT NULL DEFAULT now(),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    env_id         uuid        NOT NULL REFERENCES envs (id),
    kind_id        uuid        NOT NULL REFERENCES deployment_kinds (id),
    enabled        boolean     NOT NULL DEFAULT true,
    status         text        NOT NULL DEFAULT 'Unknown' CHECK (status IN ('Unknown', 'Installing', 'Renaming',
                       'Upgrading', 'Running', 'Error', 'Uninstalling', 'Uninstalled', 'Deleting')),
    config         jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
    description_md text        CHECK (length(description_md) <= 20000),
    deleted_at     timestamptz
);
CREATE UNIQUE INDEX deployments_live_name_unique ON deployments (env_id, kind_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX deployments_by_env_kind ON deployments (env_id, kind_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deployments_by_created ON deployments (created_at, id) WHERE deleted_at IS NULL;

-- A deployment goes into a live env, of a live kind. Errors raised with SQLSTATE PZnnn carry the HTTP status nnn.
CREATE FUNCTION deployments_into_live_env_and_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM envs WHERE id = NEW.env_id AND deleted_at IS NULL FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'env not found' USING ERRCODE = 'PZ404';
    END IF;
    PERFORM 1 FROM deployment_kinds WHERE id = NEW.kind_id AND deleted_at IS NULL FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'deployment kind not found' USING ERRCODE = 'PZ404';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER deployments_live_env_and_kind BEFORE INSERT ON deployments
    FOR EACH ROW EXECUTE FUNCTION deployments_into_live_env_and_kind();

-- An env or a kind with live deployments cannot be retired: they would be left in nowhere.
CREATE FUNCTION retire_only_without_live_deployments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    names text;
BEGIN
    SELECT string_agg(name, ', ' ORDER BY name) INTO names FROM (
        SELECT name FROM deployments
        WHERE deleted_at IS NULL AND (CASE TG_TABLE_NAME WHEN 'envs' THEN env_id ELSE kind_id END) = NEW.id
        LIMIT 10) live;
    IF names IS NOT NULL THEN
        RAISE EXCEPTION 'it still has live deployments (%); delete them first', names USING ERRCODE = 'PZ409';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER envs_retire_without_deployments BEFORE UPDATE OF deleted_at ON envs
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION retire_only_without_live_deployments();
CREATE TRIGGER kinds_retire_without_deployments BEFORE UPDATE OF deleted_at ON deployment_kinds
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION retire_only_without_live_deployments();
