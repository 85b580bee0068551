-- Processes keep what they read of deployments (DeploymentReads: pages of the list, where each one is). Every
-- change to the table, whoever makes it (another process on this database, SQL by hand), tells them to drop it: a
-- NOTIFY on commit, once per statement (PostgreSQL folds identical ones within a transaction into one). It carries
-- no payload; any change drops everything.
CREATE FUNCTION notify_deployments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('platz_deployments', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER deployments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deployments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_deployments_changed();
