CREATE TABLE "sample_cabinet_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"device_id" integer NOT NULL,
	"event" text NOT NULL,
	"slot" integer,
	"grams" integer,
	"temperature_c" real,
	"at" timestamp with time zone NOT NULL,
	"sample_id" integer,
	"withdrawn" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sample_meal_check" (
	"org_id" integer NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"dishes" integer NOT NULL,
	"missing" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sample_photo" (
	"sample_id" integer PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by" integer
);
--> statement-breakpoint
CREATE TABLE "sample_sample" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"dish_id" integer NOT NULL,
	"dish_name" text NOT NULL,
	"grams" integer NOT NULL,
	"weighed_by" text NOT NULL,
	"min_grams" integer NOT NULL,
	"kept_at" timestamp with time zone NOT NULL,
	"keeper_id" integer,
	"device_id" integer,
	"slot" integer,
	"label_code" text NOT NULL,
	"discard_after" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"discarded_at" timestamp with time zone,
	"discarded_by" integer,
	"discard_reason" text,
	"note" text DEFAULT '' NOT NULL,
	"request_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	CONSTRAINT "sample_sample_grams_positive" CHECK ("sample_sample"."grams" > 0)
);
--> statement-breakpoint
CREATE TABLE "sample_setting" (
	"canteen_id" integer PRIMARY KEY NOT NULL,
	"required" boolean NOT NULL,
	"min_grams" integer NOT NULL,
	"keep_hours" integer NOT NULL,
	"grace_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "sample_cabinet_event" ADD CONSTRAINT "sample_cabinet_event_sample_id_sample_sample_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."sample_sample"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_photo" ADD CONSTRAINT "sample_photo_sample_id_sample_sample_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."sample_sample"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sample_cabinet_event_device_idx" ON "sample_cabinet_event" USING btree ("device_id","at");--> statement-breakpoint
CREATE INDEX "sample_cabinet_event_org_idx" ON "sample_cabinet_event" USING btree ("org_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "sample_meal_check_pk" ON "sample_meal_check" USING btree ("org_id","date","meal");--> statement-breakpoint
CREATE UNIQUE INDEX "sample_sample_request_key_uq" ON "sample_sample" USING btree ("request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "sample_sample_label_uq" ON "sample_sample" USING btree ("label_code");--> statement-breakpoint
CREATE INDEX "sample_sample_day_idx" ON "sample_sample" USING btree ("org_id","date","meal");--> statement-breakpoint
CREATE INDEX "sample_sample_slot_idx" ON "sample_sample" USING btree ("device_id","slot");