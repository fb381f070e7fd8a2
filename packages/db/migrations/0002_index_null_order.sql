DROP INDEX "activities_person_time_idx";--> statement-breakpoint
DROP INDEX "engagement_events_person_time_idx";--> statement-breakpoint
DROP INDEX "people_stage_created_idx";--> statement-breakpoint
DROP INDEX "people_source_created_idx";--> statement-breakpoint
DROP INDEX "people_created_idx";--> statement-breakpoint
DROP INDEX "people_last_activity_idx";--> statement-breakpoint
CREATE INDEX "activities_person_time_idx" ON "activities" USING btree ("person_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "engagement_events_person_time_idx" ON "engagement_events" USING btree ("person_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "people_stage_created_idx" ON "people" USING btree ("lifecycle_stage","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "people_source_created_idx" ON "people" USING btree ("source","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "people_created_idx" ON "people" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "people_last_activity_idx" ON "people" USING btree ("last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);