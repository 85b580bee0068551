-- Processes keep encoded pages of the deployments list (DeploymentPages). Every change to the table, whoever
-- makes it (another process on this database, SQL by hand), tells them to drop those pages: a NOTIFY on commit,
-- once per statement (and PostgreSQL folds identical ones within a transaction into one). It carries no payload;
-- any change drops every page.
CREATE FUNCTION notify_deployments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('platz_deployments', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER deployments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deployments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_deployments_changed();
