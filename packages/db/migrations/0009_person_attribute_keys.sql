CREATE TABLE "person_attribute_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"model_use" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_attribute_keys_model_use_check" CHECK (model_use in ('feature', 'leaks_outcome', 'identifier'))
);
