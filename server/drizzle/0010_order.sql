CREATE TABLE "order_block" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_line" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"dish_id" integer NOT NULL,
	"name" text NOT NULL,
	"portions" integer NOT NULL,
	"price_fen" integer NOT NULL,
	"amount_fen" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_locker" (
	"device_id" integer PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"cells" integer DEFAULT 24 NOT NULL,
	CONSTRAINT "order_locker_cells" CHECK ("order_locker"."cells" between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "order_offer" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"dish_id" integer NOT NULL,
	"limit_portions" integer NOT NULL,
	"ordered_portions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_offer_within_limit" CHECK ("order_offer"."ordered_portions" >= 0 and "order_offer"."ordered_portions" <= "order_offer"."limit_portions")
);
--> statement-breakpoint
CREATE TABLE "order_order" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"no" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"pickup_time" text,
	"person_id" integer NOT NULL,
	"account_id" integer,
	"unit_id" integer NOT NULL,
	"headcount" integer DEFAULT 0 NOT NULL,
	"standard_fen" integer DEFAULT 0 NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"menu_fen" integer DEFAULT 0 NOT NULL,
	"due_fen" integer DEFAULT 0 NOT NULL,
	"request_key" text NOT NULL,
	"pay_entry_id" bigint,
	"refund_entry_id" bigint,
	"bill_entry_id" bigint,
	"canteen_approved_by" integer,
	"canteen_approved_at" timestamp with time zone,
	"unit_approved_by" integer,
	"unit_approved_at" timestamp with time zone,
	"reject_reason" text DEFAULT '' NOT NULL,
	"locker_device_id" integer,
	"cell" integer,
	"pickup_code" text,
	"code_expires_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"served_at" timestamp with time zone,
	"no_show_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"statement_id" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_setting" (
	"canteen_id" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "order_statement" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"month" text NOT NULL,
	"orders" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"entry_id" bigint,
	"paid_at" timestamp with time zone NOT NULL,
	"paid_by" integer,
	"memo" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_unit_standard" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"standard_fen" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	CONSTRAINT "order_unit_standard_positive" CHECK ("order_unit_standard"."standard_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_order_id_order_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."order_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_block_person_idx" ON "order_block" USING btree ("person_id","until");--> statement-breakpoint
CREATE INDEX "order_line_order_idx" ON "order_line" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_offer_uq" ON "order_offer" USING btree ("org_id","date","meal","dish_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_no_uq" ON "order_order" USING btree ("no");--> statement-breakpoint
CREATE UNIQUE INDEX "order_request_key_uq" ON "order_order" USING btree ("org_id","request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "order_cell_uq" ON "order_order" USING btree ("locker_device_id","cell") WHERE status = 'ready';--> statement-breakpoint
CREATE UNIQUE INDEX "order_code_uq" ON "order_order" USING btree ("org_id","pickup_code") WHERE status = 'ready';--> statement-breakpoint
CREATE INDEX "order_day_idx" ON "order_order" USING btree ("org_id","date","meal");--> statement-breakpoint
CREATE INDEX "order_person_idx" ON "order_order" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "order_unit_idx" ON "order_order" USING btree ("unit_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "order_statement_uq" ON "order_statement" USING btree ("org_id","unit_id","month");