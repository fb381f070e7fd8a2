-- Erasure (UK GDPR art. 17) must reach personal data in audit details too, so the append-only rule gets exactly one
-- narrow exception: an UPDATE that changes nothing but `details`, made in a transaction that has set the
-- transaction-local `ivy.gdpr_erasure` (only the erasure code sets it). Deletes, truncates and every other change
-- stay refused for every role.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('ivy.gdpr_erasure', true), '') = 'on'
     AND NEW.id = OLD.id
     AND NEW.occurred_at IS NOT DISTINCT FROM OLD.occurred_at
     AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
     AND NEW.actor_label IS NOT DISTINCT FROM OLD.actor_label
     AND NEW.action IS NOT DISTINCT FROM OLD.action
     AND NEW.resource_type IS NOT DISTINCT FROM OLD.resource_type
     AND NEW.resource_id IS NOT DISTINCT FROM OLD.resource_id
     AND NEW.outcome IS NOT DISTINCT FROM OLD.outcome
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip
     AND NEW.user_agent IS NOT DISTINCT FROM OLD.user_agent THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
