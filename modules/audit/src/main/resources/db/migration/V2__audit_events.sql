-- The audit trail. Owned by the audit module; every module appends to it inside its own transactions.
--
-- A change and its event commit together. The gap-free seq and the hash chain are assigned after commit by
-- one sequencer at a time (see AuditSequencer), in the order events become visible. That keeps concurrent
-- writers from serialising on a chain-head lock, which would cap the write rate at one commit at a time.

CREATE TABLE audit_events (
    position     bigserial   PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    seq          bigint      UNIQUE,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    type         text        NOT NULL,
    actor_type   text        NOT NULL CHECK (actor_type IN ('User', 'Bot', 'Deployment', 'System')),
    actor_id     uuid,
    token_id     uuid,
    env_id       uuid,
    subject_type text        NOT NULL,
    subject_id   uuid,
    data         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    hash         bytea,
    CHECK ((seq IS NULL) = (hash IS NULL)),
    CHECK ((actor_type = 'System') = (actor_id IS NULL))
);
CREATE INDEX audit_events_unsequenced ON audit_events (position) WHERE seq IS NULL;
CREATE INDEX audit_events_type ON audit_events (type, seq);
CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_env ON audit_events (env_id, seq);

-- The head of the chain and how far publication on the event bus has got.
CREATE TABLE audit_chain (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq      bigint  NOT NULL,
    last_hash     bytea   NOT NULL,
    published_seq bigint  NOT NULL
);
INSERT INTO audit_chain (last_seq, last_hash, published_seq) VALUES (0, '\x'::bytea, 0);

-- Events are immutable: only the sequencer's one-time assignment of seq and hash may touch a row.
CREATE FUNCTION audit_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are never deleted';
    END IF;
    IF OLD.seq IS NOT NULL
       OR (NEW.position, NEW.id, NEW.occurred_at, NEW.type, NEW.actor_type, NEW.actor_id, NEW.token_id,
           NEW.env_id, NEW.subject_type, NEW.subject_id, NEW.data)
          IS DISTINCT FROM
          (OLD.position, OLD.id, OLD.occurred_at, OLD.type, OLD.actor_type, OLD.actor_id, OLD.token_id,
           OLD.env_id, OLD.subject_type, OLD.subject_id, OLD.data) THEN
        RAISE EXCEPTION 'audit events are never edited';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_events_immutable BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_immutable();
