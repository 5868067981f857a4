CREATE TABLE "alert_alert" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link_entity" text,
	"link_id" text,
	"link_path" text,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_by" integer,
	"last_seen_at" timestamp with time zone NOT NULL,
	"seen_count" integer DEFAULT 1 NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	"resolve_note" text DEFAULT '' NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"next_escalation_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_notification" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"notifier" text NOT NULL,
	"level" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_notification" ADD CONSTRAINT "alert_notification_alert_id_alert_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alert_alert"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_notification" ADD CONSTRAINT "alert_notification_person_id_core_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."core_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_unresolved_uq" ON "alert_alert" USING btree ("org_id","kind","key") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "alert_org_status_idx" ON "alert_alert" USING btree ("org_id","status","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_notification_uq" ON "alert_notification" USING btree ("alert_id","person_id","notifier","level");