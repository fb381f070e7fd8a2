-- The weights audit, like audit_log, is append-only for every database role.
CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER lead_scoring_weights_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON lead_scoring_weights_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();--> statement-breakpoint
CREATE TRIGGER lead_scoring_weights_audit_no_truncate BEFORE TRUNCATE ON lead_scoring_weights_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
