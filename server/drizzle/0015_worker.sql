CREATE TABLE "worker_certificate" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"worker_id" integer NOT NULL,
	"no" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "worker_check" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"worker_id" integer NOT NULL,
	"date" date NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"temperature_tenths" integer NOT NULL,
	"hands_ok" boolean NOT NULL,
	"symptoms" integer[] NOT NULL,
	"uniform_ok" boolean,
	"hat_ok" boolean,
	"mask_ok" boolean,
	"nails_ok" boolean,
	"no_jewellery" boolean,
	"fit" boolean NOT NULL,
	"reasons" text[] NOT NULL,
	"source" text NOT NULL,
	"device_id" integer,
	"device_code" text,
	"device_at" timestamp with time zone,
	"checked_by" integer,
	"rechecks" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_photo" (
	"worker_id" integer PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"mime" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_setting" (
	"canteen_id" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "worker_worker" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"employer" text DEFAULT '' NOT NULL,
	"job" text NOT NULL,
	"badge" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"certificate_no" text NOT NULL,
	"certificate_issued_on" date NOT NULL,
	"certificate_valid_until" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "worker_certificate" ADD CONSTRAINT "worker_certificate_worker_id_worker_worker_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."worker_worker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_check" ADD CONSTRAINT "worker_check_worker_id_worker_worker_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."worker_worker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_photo" ADD CONSTRAINT "worker_photo_worker_id_worker_worker_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."worker_worker"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "worker_certificate_worker_idx" ON "worker_certificate" USING btree ("worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_check_day_uq" ON "worker_check" USING btree ("worker_id","date");--> statement-breakpoint
CREATE INDEX "worker_check_org_date_idx" ON "worker_check" USING btree ("org_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_badge_uq" ON "worker_worker" USING btree ("org_id","badge");--> statement-breakpoint
CREATE INDEX "worker_org_idx" ON "worker_worker" USING btree ("org_id","active");