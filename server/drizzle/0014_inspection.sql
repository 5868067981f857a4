CREATE TABLE "inspection_item" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"block" text NOT NULL,
	"title" text NOT NULL,
	"area" text NOT NULL,
	"role" text NOT NULL,
	"person_id" integer,
	"deadline" text NOT NULL,
	"requires_photo" boolean DEFAULT true NOT NULL,
	CONSTRAINT "inspection_item_deadline_ck" CHECK ("inspection_item"."deadline" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "inspection_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"task_id" integer,
	"waste_id" integer,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by" integer,
	CONSTRAINT "inspection_photo_owner_ck" CHECK (("inspection_photo"."task_id" is null) <> ("inspection_photo"."waste_id" is null))
);
--> statement-breakpoint
CREATE TABLE "inspection_run" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"close_note" text
);
--> statement-breakpoint
CREATE TABLE "inspection_task" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"run_id" integer NOT NULL,
	"item_id" integer,
	"date" date NOT NULL,
	"position" smallint NOT NULL,
	"block" text NOT NULL,
	"title" text NOT NULL,
	"area" text NOT NULL,
	"role" text NOT NULL,
	"person_id" integer,
	"deadline_at" timestamp with time zone NOT NULL,
	"requires_photo" boolean NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"note" text,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"overdue_alerted_at" timestamp with time zone,
	CONSTRAINT "inspection_task_done_ck" CHECK (("inspection_task"."status" = 'done') = ("inspection_task"."result" is not null and "inspection_task"."done_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "inspection_template" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "inspection_waste" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"grams" integer NOT NULL,
	"source" text NOT NULL,
	"scale_device_id" integer,
	"collector" text NOT NULL,
	"licence_no" text,
	"note" text,
	"request_key" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" integer,
	"void_reason" text,
	CONSTRAINT "inspection_waste_grams_ck" CHECK ("inspection_waste"."grams" > 0)
);
--> statement-breakpoint
ALTER TABLE "inspection_item" ADD CONSTRAINT "inspection_item_template_id_inspection_template_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."inspection_template"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photo" ADD CONSTRAINT "inspection_photo_task_id_inspection_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photo" ADD CONSTRAINT "inspection_photo_waste_id_inspection_waste_id_fk" FOREIGN KEY ("waste_id") REFERENCES "public"."inspection_waste"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_run" ADD CONSTRAINT "inspection_run_template_id_inspection_template_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."inspection_template"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_task" ADD CONSTRAINT "inspection_task_run_id_inspection_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."inspection_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_item_template_idx" ON "inspection_item" USING btree ("template_id","position");--> statement-breakpoint
CREATE INDEX "inspection_photo_task_idx" ON "inspection_photo" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "inspection_photo_waste_idx" ON "inspection_photo" USING btree ("waste_id");--> statement-breakpoint
CREATE INDEX "inspection_photo_org_idx" ON "inspection_photo" USING btree ("org_id","taken_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_run_day_uq" ON "inspection_run" USING btree ("org_id","date");--> statement-breakpoint
CREATE INDEX "inspection_task_run_idx" ON "inspection_task" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "inspection_task_due_idx" ON "inspection_task" USING btree ("status","deadline_at") WHERE "inspection_task"."overdue_alerted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_template_org_uq" ON "inspection_template" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_waste_key_uq" ON "inspection_waste" USING btree ("org_id","request_key");--> statement-breakpoint
CREATE INDEX "inspection_waste_day_idx" ON "inspection_waste" USING btree ("org_id","date");