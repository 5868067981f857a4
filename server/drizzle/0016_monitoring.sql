CREATE TABLE "monitoring_camera" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"live_url" text,
	"public" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_event_snapshot" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_kitchen_event" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"camera_id" integer NOT NULL,
	"vendor_event_id" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"confidence" double precision NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"has_snapshot" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'to_review' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"note" text DEFAULT '' NOT NULL,
	"alert_id" integer
);
--> statement-breakpoint
CREATE TABLE "monitoring_sensor_minute" (
	"device_id" integer NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"org_id" integer NOT NULL,
	"n" integer NOT NULL,
	"min_c" double precision NOT NULL,
	"max_c" double precision NOT NULL,
	"sum_c" double precision NOT NULL,
	"last_c" double precision NOT NULL,
	"humidity_n" integer DEFAULT 0 NOT NULL,
	"min_humidity" double precision,
	"max_humidity" double precision,
	"sum_humidity" double precision,
	"last_humidity" double precision,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_sensor_minute_device_id_minute_pk" PRIMARY KEY("device_id","minute")
);
--> statement-breakpoint
CREATE TABLE "monitoring_sensor_profile" (
	"device_id" integer PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"place" text NOT NULL,
	"min_c" double precision,
	"max_c" double precision,
	"max_humidity_pct" double precision,
	"hold_seconds" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "monitoring_event_snapshot" ADD CONSTRAINT "monitoring_event_snapshot_event_id_monitoring_kitchen_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."monitoring_kitchen_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_kitchen_event" ADD CONSTRAINT "monitoring_kitchen_event_camera_id_monitoring_camera_id_fk" FOREIGN KEY ("camera_id") REFERENCES "public"."monitoring_camera"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_camera_code_uq" ON "monitoring_camera" USING btree ("code");--> statement-breakpoint
CREATE INDEX "monitoring_camera_org_idx" ON "monitoring_camera" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_kitchen_event_vendor_uq" ON "monitoring_kitchen_event" USING btree ("org_id","vendor_event_id");--> statement-breakpoint
CREATE INDEX "monitoring_kitchen_event_org_idx" ON "monitoring_kitchen_event" USING btree ("org_id","status","at");--> statement-breakpoint
CREATE INDEX "monitoring_sensor_minute_org_idx" ON "monitoring_sensor_minute" USING btree ("org_id","minute");--> statement-breakpoint
CREATE INDEX "monitoring_sensor_profile_org_idx" ON "monitoring_sensor_profile" USING btree ("org_id");