CREATE TABLE "consent_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"consent_type" text NOT NULL,
	"granted" boolean NOT NULL,
	"purpose" text NOT NULL,
	"data_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "consent_records_type_check" CHECK (consent_type in ('email_contact', 'sms_contact', 'phone_contact', 'marketing', 'ai_processing', 'third_party_sharing')),
	CONSTRAINT "consent_records_source_check" CHECK (source in ('web_form', 'email', 'phone', 'in_person', 'ucas', 'student_portal', 'import', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "gdpr_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"ground" text,
	"reason" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "gdpr_requests_kind_check" CHECK (kind in ('export', 'erasure')),
	CONSTRAINT "gdpr_requests_ground_check" CHECK (ground is null or ground in ('subject_request', 'retention'))
);
--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdpr_requests" ADD CONSTRAINT "gdpr_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdpr_requests" ADD CONSTRAINT "gdpr_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_person_type_time_idx" ON "consent_records" USING btree ("person_id","consent_type","recorded_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "consent_records_expiry_idx" ON "consent_records" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "gdpr_requests_kind_time_idx" ON "gdpr_requests" USING btree ("kind","created_at" DESC NULLS FIRST);