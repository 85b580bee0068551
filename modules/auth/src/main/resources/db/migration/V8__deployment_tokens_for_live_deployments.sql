-- A credential is minted for a live deployment only, with its name and env as they are now. The auth module asks
-- the deployments module where a deployment is, and that answer may come from a cache that another process's
-- deletion or rename has not reached yet: this check, in the minting transaction, is the one that counts. FOR
-- SHARE waits for a concurrent deletion and then sees it. SQLSTATE PZ404 reaches the API as a 404.
CREATE FUNCTION deployment_tokens_for_live_deployments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT name, env_id INTO NEW.deployment_name, NEW.env_id
        FROM deployments WHERE id = NEW.deployment_id AND deleted_at IS NULL FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'deployment not found' USING ERRCODE = 'PZ404';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER deployment_tokens_live_deployment BEFORE INSERT ON deployment_tokens
    FOR EACH ROW EXECUTE FUNCTION deployment_tokens_for_live_deployments();
