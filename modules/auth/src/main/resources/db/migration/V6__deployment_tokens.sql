-- Deployment credentials: short-lived tokens with which a running deployment acts on other deployments of its
-- env. Owned by the auth module. The deployment's name and env are copied here when the token is minted, so
-- that verification reads this table alone.

CREATE TABLE deployment_tokens (
    id                 uuid        PRIMARY KEY,
    deployment_id      uuid        NOT NULL REFERENCES deployments (id),
    deployment_name    text        NOT NULL,
    env_id             uuid        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by_user_id uuid        REFERENCES users (id),
    secret_hash        bytea       NOT NULL,
    expires_at         timestamptz NOT NULL,
    last_used_at       timestamptz,
    revoked_at         timestamptz
);
CREATE INDEX deployment_tokens_deployment ON deployment_tokens (deployment_id);

-- A deleted deployment's credentials die with it, in the same transaction; the caches of every process are told.
CREATE FUNCTION revoke_tokens_of_deleted_deployment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deployment_tokens SET revoked_at = now() WHERE deployment_id = NEW.id AND revoked_at IS NULL;
    PERFORM pg_notify('platz_credentials', 'subject:' || NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER deployments_deleted_revoke_tokens AFTER UPDATE OF deleted_at ON deployments
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
    EXECUTE FUNCTION revoke_tokens_of_deleted_deployment();
