CREATE TABLE "costing_sale" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"dish_id" integer DEFAULT 0 NOT NULL,
	"portions" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	"source" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "costing_sale_uq" ON "costing_sale" USING btree ("org_id","date","meal","dish_id");--> statement-breakpoint
CREATE INDEX "costing_sale_org_date_idx" ON "costing_sale" USING btree ("org_id","date");