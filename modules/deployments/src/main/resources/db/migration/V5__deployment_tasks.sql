-- Deployment tasks: the audit trail of deployments. Owned by the deployments module.
--
-- Exactly one acting_* column names who asked for the task, by the database's own check. A task is never deleted
-- and never edited except by its status moving forward (and what goes with it: reason, times, who canceled);
-- the trigger below refuses anything else, whoever asks.

CREATE TABLE deployment_tasks (
    id                        uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at                timestamptz NOT NULL DEFAULT now(),
    deployment_id             uuid        NOT NULL REFERENCES deployments (id),
    env_id                    uuid        NOT NULL,
    kind_id                   uuid        NOT NULL,
    operation                 jsonb       NOT NULL CHECK (jsonb_typeof(operation) = 'object'),
    status                    text        NOT NULL DEFAULT 'Pending'
                                          CHECK (status IN ('Pending', 'Started', 'Done', 'Failed', 'Canceled')),
    reason                    text        CHECK (length(reason) <= 20000),
    acting_user_id            uuid        REFERENCES users (id),
    acting_bot_id             uuid        REFERENCES bots (id),
    acting_deployment_id      uuid        REFERENCES deployments (id),
    canceled_by_user_id       uuid        REFERENCES users (id),
    canceled_by_bot_id        uuid        REFERENCES bots (id),
    canceled_by_deployment_id uuid        REFERENCES deployments (id),
    started_at                timestamptz,
    finished_at               timestamptz,
    CONSTRAINT deployment_tasks_one_actor
        CHECK (num_nonnulls(acting_user_id, acting_bot_id, acting_deployment_id) = 1),
    CONSTRAINT deployment_tasks_canceled_by_one
        CHECK ((status = 'Canceled') = (num_nonnulls(canceled_by_user_id, canceled_by_bot_id, canceled_by_deployment_id) = 1))
);
CREATE INDEX deployment_tasks_by_env ON deployment_tasks (env_id, created_at DESC, id DESC);
CREATE INDEX deployment_tasks_by_deployment ON deployment_tasks (deployment_id, created_at DESC, id DESC);
CREATE INDEX deployment_tasks_by_created ON deployment_tasks (created_at DESC, id DESC);
CREATE INDEX deployment_tasks_by_user ON deployment_tasks (acting_user_id, created_at DESC) WHERE acting_user_id IS NOT NULL;
CREATE INDEX deployment_tasks_by_bot ON deployment_tasks (acting_bot_id, created_at DESC) WHERE acting_bot_id IS NOT NULL;
CREATE INDEX deployment_tasks_by_acting_deployment ON deployment_tasks (acting_deployment_id, created_at DESC)
    WHERE acting_deployment_id IS NOT NULL;

CREATE FUNCTION deployment_tasks_move_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'deployment tasks are never deleted' USING ERRCODE = 'PZ409';
    END IF;
    IF (NEW.id, NEW.created_at, NEW.deployment_id, NEW.env_id, NEW.kind_id, NEW.operation, NEW.acting_user_id,
        NEW.acting_bot_id, NEW.acting_deployment_id)
       IS DISTINCT FROM
       (OLD.id, OLD.created_at, OLD.deployment_id, OLD.env_id, OLD.kind_id, OLD.operation, OLD.acting_user_id,
        OLD.acting_bot_id, OLD.acting_deployment_id) THEN
        RAISE EXCEPTION 'a deployment task is never edited, only moved forward' USING ERRCODE = 'PZ409';
    END IF;
    IF NOT ((OLD.status = 'Pending' AND NEW.status IN ('Started', 'Failed', 'Canceled'))
            OR (OLD.status = 'Started' AND NEW.status IN ('Done', 'Failed'))) THEN
        RAISE EXCEPTION 'a % task cannot become %', OLD.status, NEW.status USING ERRCODE = 'PZ409';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER deployment_tasks_forward_only BEFORE UPDATE OR DELETE ON deployment_tasks
    FOR EACH ROW EXECUTE FUNCTION deployment_tasks_move_forward_only();
