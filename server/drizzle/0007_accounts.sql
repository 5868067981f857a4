CREATE TABLE "account_account" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"person_id" integer,
	"name" text NOT NULL,
	"category_id" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"cash_fen" bigint DEFAULT 0 NOT NULL,
	"subsidy_fen" bigint DEFAULT 0 NOT NULL,
	"overdraft_fen" integer DEFAULT 0 NOT NULL,
	"offline_limit_fen" integer DEFAULT 0 NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_floor" CHECK ("account_account"."subsidy_fen" >= 0 and "account_account"."cash_fen" >= -("account_account"."overdraft_fen" + "account_account"."offline_limit_fen"))
);
--> statement-breakpoint
CREATE TABLE "account_card" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"card_no" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "account_category" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"overdraft_fen" integer DEFAULT 0 NOT NULL,
	"offline_limit_fen" integer DEFAULT 3000 NOT NULL,
	"monthly_subsidy_fen" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"account_id" integer,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"request_key" text NOT NULL,
	"reverses_id" bigint,
	"ref" text,
	"memo" text DEFAULT '' NOT NULL,
	"offline" boolean DEFAULT false NOT NULL,
	"business_date" date NOT NULL,
	"created_by" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_meal_rule" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"canteen_id" integer NOT NULL,
	"meal" text NOT NULL,
	"price_pct" integer DEFAULT 100 NOT NULL,
	"subsidy_fen" integer DEFAULT 0 NOT NULL,
	"flat_fen" integer
);
--> statement-breakpoint
CREATE TABLE "account_online_payment" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"provider" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider_ref" text,
	"entry_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "account_posting" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"book" text NOT NULL,
	"ref_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_subsidy_use" (
	"account_id" integer NOT NULL,
	"business_date" date NOT NULL,
	"meal" text NOT NULL,
	"entry_id" bigint NOT NULL,
	CONSTRAINT "account_subsidy_use_account_id_business_date_meal_pk" PRIMARY KEY("account_id","business_date","meal")
);
--> statement-breakpoint
ALTER TABLE "account_account" ADD CONSTRAINT "account_account_category_id_account_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."account_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_card" ADD CONSTRAINT "account_card_account_id_account_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_meal_rule" ADD CONSTRAINT "account_meal_rule_category_id_account_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."account_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_online_payment" ADD CONSTRAINT "account_online_payment_account_id_account_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_posting" ADD CONSTRAINT "account_posting_entry_id_account_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."account_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_person_uq" ON "account_account" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "account_unit_idx" ON "account_account" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_card_no_uq" ON "account_card" USING btree ("card_no");--> statement-breakpoint
CREATE UNIQUE INDEX "account_card_active_uq" ON "account_card" USING btree ("account_id") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "account_category_code_uq" ON "account_category" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "account_entry_key_uq" ON "account_entry" USING btree ("org_id","request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "account_entry_reverses_uq" ON "account_entry" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "account_entry_account_idx" ON "account_entry" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "account_entry_org_date_idx" ON "account_entry" USING btree ("org_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "account_meal_rule_uq" ON "account_meal_rule" USING btree ("category_id","canteen_id","meal");--> statement-breakpoint
CREATE INDEX "account_online_payment_account_idx" ON "account_online_payment" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "account_posting_entry_idx" ON "account_posting" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "account_posting_book_idx" ON "account_posting" USING btree ("book","ref_id");