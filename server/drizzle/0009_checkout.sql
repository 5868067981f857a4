CREATE TABLE "checkout_recognition_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"sale_id" bigint,
	"suggested_dish_id" integer,
	"chosen_dish_id" integer NOT NULL,
	"score" real,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkout_recognition_sample" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"dish_id" integer NOT NULL,
	"features" real[] NOT NULL,
	"source" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkout_sale" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"station_id" integer,
	"account_id" integer NOT NULL,
	"request_key" text NOT NULL,
	"business_date" date NOT NULL,
	"meal" text NOT NULL,
	"method" text NOT NULL,
	"menu_fen" integer NOT NULL,
	"due_fen" integer NOT NULL,
	"meal_subsidy_fen" integer NOT NULL,
	"from_subsidy_fen" integer NOT NULL,
	"from_cash_fen" integer NOT NULL,
	"shortfall_fen" integer DEFAULT 0 NOT NULL,
	"entry_id" bigint NOT NULL,
	"status" text DEFAULT 'paid' NOT NULL,
	"offline" boolean DEFAULT false NOT NULL,
	"sold_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone,
	"created_by" integer,
	"voided_at" timestamp with time zone,
	"voided_by" integer,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "checkout_sale_line" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sale_id" bigint NOT NULL,
	"dish_id" integer NOT NULL,
	"how" text NOT NULL,
	"portions" integer NOT NULL,
	"weight_g" integer,
	"price_fen" integer NOT NULL,
	"amount_fen" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkout_station" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"scale_code" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkout_sale_line" ADD CONSTRAINT "checkout_sale_line_sale_id_checkout_sale_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."checkout_sale"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_recognition_log_org_idx" ON "checkout_recognition_log" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "checkout_recognition_sample_org_idx" ON "checkout_recognition_sample" USING btree ("org_id","dish_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sale_key_uq" ON "checkout_sale" USING btree ("org_id","request_key");--> statement-breakpoint
CREATE INDEX "checkout_sale_org_date_idx" ON "checkout_sale" USING btree ("org_id","business_date");--> statement-breakpoint
CREATE INDEX "checkout_sale_account_idx" ON "checkout_sale" USING btree ("account_id","sold_at");--> statement-breakpoint
CREATE INDEX "checkout_sale_line_sale_idx" ON "checkout_sale_line" USING btree ("sale_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_station_code_uq" ON "checkout_station" USING btree ("org_id","code");