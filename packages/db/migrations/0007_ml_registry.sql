CREATE TABLE "ml_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"algorithm" text NOT NULL,
	"hyper_parameters" jsonb NOT NULL,
	"input_features" jsonb NOT NULL,
	"training_window_start" timestamp with time zone NOT NULL,
	"training_window_end" timestamp with time zone NOT NULL,
	"horizon_days" integer NOT NULL,
	"row_count" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"feature_importance" jsonb NOT NULL,
	"artifact" jsonb NOT NULL,
	"trained_by" uuid,
	"training_job_id" uuid,
	"active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "ml_models_algorithm_check" CHECK (algorithm in ('random_forest', 'gradient_boosting', 'logistic_regression', 'ensemble'))
);
--> statement-breakpoint
CREATE TABLE "ml_training_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"message" text,
	"config" jsonb NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	"result" jsonb,
	"model_id" uuid,
	CONSTRAINT "ml_training_jobs_status_check" CHECK (status in ('queued', 'running', 'completed', 'failed')),
	CONSTRAINT "ml_training_jobs_progress_range" CHECK (progress >= 0 and progress <= 1)
);
--> statement-breakpoint
ALTER TABLE "ml_models" ADD CONSTRAINT "ml_models_trained_by_users_id_fk" FOREIGN KEY ("trained_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ml_models" ADD CONSTRAINT "ml_models_training_job_id_ml_training_jobs_id_fk" FOREIGN KEY ("training_job_id") REFERENCES "public"."ml_training_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ml_training_jobs" ADD CONSTRAINT "ml_training_jobs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ml_models_one_active" ON "ml_models" USING btree ("active") WHERE active;--> statement-breakpoint
CREATE INDEX "ml_models_created_idx" ON "ml_models" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ml_training_jobs_created_idx" ON "ml_training_jobs" USING btree ("created_at" DESC NULLS LAST);