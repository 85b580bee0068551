-- A deployment credential holds no more than whoever minted it, and dies when they may no longer mint it. Bots
-- mint too (they may hold Owner), so the minter is a user or a bot: exactly one of the two columns names it.
ALTER TABLE deployment_tokens ADD COLUMN created_by_bot_id uuid REFERENCES bots (id);

-- Credentials a bot minted before this version name no minter, so nothing could bound them: they end now, as they
-- would have within the hour anyway.
UPDATE deployment_tokens SET revoked_at = now() WHERE created_by_user_id IS NULL AND revoked_at IS NULL;

ALTER TABLE deployment_tokens ADD CONSTRAINT deployment_tokens_one_minter
    CHECK (revoked_at IS NOT NULL OR num_nonnulls(created_by_user_id, created_by_bot_id) = 1);
CREATE INDEX deployment_tokens_live_by_user ON deployment_tokens (created_by_user_id) WHERE revoked_at IS NULL;
CREATE INDEX deployment_tokens_live_by_bot ON deployment_tokens (created_by_bot_id) WHERE revoked_at IS NULL;

-- Who may mint a credential for a deployment of this kind in this env, as EnvRules decides it: a live user or bot
-- that is Owner of the kind there or Admin of the env, or a site admin.
CREATE FUNCTION may_mint_deployment_token(minter uuid, in_env uuid, of_kind uuid) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM users WHERE id = minter AND is_active AND is_admin)
        OR ((EXISTS (SELECT 1 FROM users WHERE id = minter AND is_active)
             OR EXISTS (SELECT 1 FROM bots WHERE id = minter AND deleted_at IS NULL))
            AND (EXISTS (SELECT 1 FROM env_user_permissions
                         WHERE env_id = in_env AND (user_id = minter OR bot_id = minter) AND role = 'Admin')
                 OR EXISTS (SELECT 1 FROM deployment_permissions
                            WHERE env_id = in_env AND kind_id = of_kind AND (user_id = minter OR bot_id = minter)
                              AND role = 'Owner')))
$$;

-- A credential is minted only while its minter may mint it. The permissions module decided so from grants that
-- a process may still hold in its cache a moment after another process removed one: this check, in the minting
-- transaction, is the one that counts. FOR SHARE on the minter and its grants in the env waits for a concurrent
-- deactivation, demotion or removal (whose own revocation cannot see this credential yet) and then sees it.
-- SQLSTATE PZ403 reaches the API as a 403. It runs after V8's trigger, which sets the env.
CREATE FUNCTION deployment_tokens_within_minters_rights() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    minter uuid := coalesce(NEW.created_by_user_id, NEW.created_by_bot_id);
BEGIN
    PERFORM 1 FROM users WHERE id = minter FOR SHARE;
    PERFORM 1 FROM bots WHERE id = minter FOR SHARE;
    PERFORM 1 FROM env_user_permissions WHERE env_id = NEW.env_id AND (user_id = minter OR bot_id = minter) FOR SHARE;
    PERFORM 1 FROM deployment_permissions WHERE env_id = NEW.env_id AND (user_id = minter OR bot_id = minter) FOR SHARE;
    IF NOT may_mint_deployment_token(minter, NEW.env_id, (SELECT kind_id FROM deployments WHERE id = NEW.deployment_id)) THEN
        RAISE EXCEPTION 'you may not create credentials for this deployment' USING ERRCODE = 'PZ403';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER deployment_tokens_within_minters_rights BEFORE INSERT ON deployment_tokens
    FOR EACH ROW EXECUTE FUNCTION deployment_tokens_within_minters_rights();

-- Revokes, in the transaction that took a right away, the live credentials the minter may no longer mint, and
-- tells every process's credential cache (which drops what that subject minted).
CREATE FUNCTION revoke_deployment_tokens_beyond_minter(minter uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deployment_tokens t SET revoked_at = now()
        FROM deployments d
        WHERE d.id = t.deployment_id AND (t.created_by_user_id = minter OR t.created_by_bot_id = minter)
          AND t.revoked_at IS NULL AND NOT may_mint_deployment_token(minter, d.env_id, d.kind_id);
    IF FOUND THEN
        PERFORM pg_notify('platz_credentials', 'subject:' || minter);
    END IF;
END
$$;

CREATE FUNCTION recheck_tokens_minted_by_changed_subject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM revoke_deployment_tokens_beyond_minter(OLD.id);
    RETURN NULL;
END
$$;

CREATE FUNCTION recheck_tokens_minted_by_grantee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM revoke_deployment_tokens_beyond_minter(coalesce(OLD.user_id, OLD.bot_id));
    RETURN NULL;
END
$$;

CREATE TRIGGER users_lost_rights_recheck_minted_tokens AFTER UPDATE OF is_active, is_admin ON users
    FOR EACH ROW WHEN ((OLD.is_active AND NOT NEW.is_active) OR (OLD.is_admin AND NOT NEW.is_admin))
    EXECUTE FUNCTION recheck_tokens_minted_by_changed_subject();
CREATE TRIGGER bots_deleted_recheck_minted_tokens AFTER UPDATE OF deleted_at ON bots
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION recheck_tokens_minted_by_changed_subject();
CREATE TRIGGER env_user_permissions_removed_recheck_minted_tokens AFTER DELETE OR UPDATE ON env_user_permissions
    FOR EACH ROW EXECUTE FUNCTION recheck_tokens_minted_by_grantee();
CREATE TRIGGER deployment_permissions_removed_recheck_minted_tokens AFTER DELETE OR UPDATE ON deployment_permissions
    FOR EACH ROW EXECUTE FUNCTION recheck_tokens_minted_by_grantee();
