CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"level" smallint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"action_required" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_id" uuid,
	"escalated_to" uuid,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	CONSTRAINT "alerts_type_check" CHECK (type in ('data_completeness', 'engagement_stall', 'source_quality', 'course_capacity')),
	CONSTRAINT "alerts_severity_check" CHECK (severity in ('critical', 'high', 'medium', 'low')),
	CONSTRAINT "alerts_status_check" CHECK (status in ('open', 'acknowledged', 'resolved')),
	CONSTRAINT "alerts_level_check" CHECK (level between 1 and 3),
	CONSTRAINT "alerts_resolution_check" CHECK (resolution is null or resolution in ('manual', 'condition_cleared'))
);
--> statement-breakpoint
CREATE TABLE "forecast_configs" (
	"version" serial PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_forecasts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"probability" double precision NOT NULL,
	"eta_days" integer,
	"confidence" double precision NOT NULL,
	"drivers" jsonb NOT NULL,
	"risks" jsonb NOT NULL,
	"config_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_forecasts_probability_range" CHECK (probability >= 0 and probability <= 1)
);
--> statement-breakpoint
CREATE TABLE "lead_scores" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"score" double precision NOT NULL,
	"band" text NOT NULL,
	"action" text NOT NULL,
	"confidence" double precision NOT NULL,
	"points" jsonb NOT NULL,
	"weights_version" integer NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lead_scores_band_check" CHECK (band in ('high', 'medium', 'low')),
	CONSTRAINT "lead_scores_action_check" CHECK (action in ('call_now', 'nurture', 're_engage', 'verify_data')),
	CONSTRAINT "lead_scores_score_range" CHECK (score >= 0 and score <= 100)
);
--> statement-breakpoint
CREATE TABLE "lead_scoring_weights" (
	"version" serial PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_scoring_weights_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"decision" text NOT NULL,
	"old_version" integer,
	"new_version" integer,
	"old_weights" jsonb,
	"new_weights" jsonb NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "lead_scoring_weights_audit_decision_check" CHECK (decision in ('adopted', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_escalated_to_users_id_fk" FOREIGN KEY ("escalated_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_configs" ADD CONSTRAINT "forecast_configs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_forecasts" ADD CONSTRAINT "lead_forecasts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_forecasts" ADD CONSTRAINT "lead_forecasts_config_version_forecast_configs_version_fk" FOREIGN KEY ("config_version") REFERENCES "public"."forecast_configs"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_weights_version_lead_scoring_weights_version_fk" FOREIGN KEY ("weights_version") REFERENCES "public"."lead_scoring_weights"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scoring_weights" ADD CONSTRAINT "lead_scoring_weights_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_unresolved_per_type" ON "alerts" USING btree ("person_id","type") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_owner_status_idx" ON "alerts" USING btree ("owner_id","status","level");--> statement-breakpoint
CREATE INDEX "alerts_status_level_idx" ON "alerts" USING btree ("status","level","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_configs_one_active" ON "forecast_configs" USING btree ("active") WHERE active;--> statement-breakpoint
CREATE INDEX "lead_forecasts_person_time_idx" ON "lead_forecasts" USING btree ("person_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "lead_scores_score_idx" ON "lead_scores" USING btree ("score" DESC NULLS FIRST,"person_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "lead_scores_band_idx" ON "lead_scores" USING btree ("band");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_scoring_weights_one_active" ON "lead_scoring_weights" USING btree ("active") WHERE active;