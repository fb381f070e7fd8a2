CREATE TABLE "llm_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"model" text NOT NULL,
	"redacted_system" text,
	"redacted_prompt" text,
	"redacted_response" text,
	"raw_prompt" text,
	"raw_response" text,
	"latency_ms" integer,
	"outcome" text NOT NULL,
	"reason" text,
	"pii_found" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_calls_outcome_check" CHECK (outcome in ('success', 'fallback')),
	CONSTRAINT "llm_calls_reason_check" CHECK (reason is null or reason in ('no_provider', 'timeout', 'error', 'circuit_open', 'consent_refused'))
);
--> statement-breakpoint
CREATE INDEX "llm_calls_created_idx" ON "llm_calls" USING btree ("created_at" DESC NULLS LAST);