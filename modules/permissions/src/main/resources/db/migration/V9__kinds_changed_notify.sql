-- Processes keep the role each action of a kind needs (KindCache). A change to a kind's actions, whoever makes it
-- (another process on this database, SQL by hand), tells them to drop that kind: a NOTIFY on commit, with the
-- kind's id.
CREATE FUNCTION notify_kind_actions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('platz_kinds', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER deployment_kinds_actions_changed AFTER UPDATE OF actions ON deployment_kinds
    FOR EACH ROW WHEN (OLD.actions IS DISTINCT FROM NEW.actions) EXECUTE FUNCTION notify_kind_actions_changed();
