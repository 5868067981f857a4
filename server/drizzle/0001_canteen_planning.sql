CREATE TABLE "dish_dish" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"seasons" text[] DEFAULT '{}' NOT NULL,
	"price_fen" integer NOT NULL,
	"portion_g" integer NOT NULL,
	"has_photo" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dish_photo" (
	"dish_id" integer PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"data_base64" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dish_recipe_line" (
	"dish_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"net_g" integer NOT NULL,
	"yield_pct" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dish_recipe_line_dish_id_ingredient_id_pk" PRIMARY KEY("dish_id","ingredient_id")
);
--> statement-breakpoint
CREATE TABLE "ingredient_ingredient" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"purchase_unit" text NOT NULL,
	"grams_per_unit" integer NOT NULL,
	"shelf_life_days" integer NOT NULL,
	"energy_kcal" double precision DEFAULT 0 NOT NULL,
	"protein_g" double precision DEFAULT 0 NOT NULL,
	"fat_g" double precision DEFAULT 0 NOT NULL,
	"carbohydrate_g" double precision DEFAULT 0 NOT NULL,
	"fibre_g" double precision DEFAULT 0 NOT NULL,
	"sodium_mg" double precision DEFAULT 0 NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingredient_stock_limit" (
	"ingredient_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"min_g" integer NOT NULL,
	"max_g" integer NOT NULL,
	CONSTRAINT "ingredient_stock_limit_ingredient_id_org_id_pk" PRIMARY KEY("ingredient_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "menu_item" (
	"plan_id" integer NOT NULL,
	"dish_id" integer NOT NULL,
	"portions" integer NOT NULL,
	"price_fen" integer NOT NULL,
	"must_serve" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "menu_item_plan_id_dish_id_pk" PRIMARY KEY("plan_id","dish_id")
);
--> statement-breakpoint
CREATE TABLE "menu_plan" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "menu_must_serve" (
	"org_id" integer NOT NULL,
	"meal" text NOT NULL,
	"dish_id" integer NOT NULL,
	CONSTRAINT "menu_must_serve_org_id_meal_dish_id_pk" PRIMARY KEY("org_id","meal","dish_id")
);
--> statement-breakpoint
CREATE TABLE "requisition_requisition" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"no" text NOT NULL,
	"date_from" date NOT NULL,
	"date_to" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_comment" text
);
--> statement-breakpoint
CREATE TABLE "requisition_line" (
	"id" serial PRIMARY KEY NOT NULL,
	"requisition_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"need_g" bigint NOT NULL,
	"on_hand_g" bigint NOT NULL,
	"purchase_unit" text NOT NULL,
	"grams_per_unit" integer NOT NULL,
	"suggested_qty" integer NOT NULL,
	"qty" integer NOT NULL,
	"unit_price_fen" integer,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"supplier_id" integer,
	"supplier_name" text,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_price" (
	"price_list_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"price_fen" integer NOT NULL,
	"grams_per_unit" integer NOT NULL,
	CONSTRAINT "supplier_price_price_list_id_ingredient_id_pk" PRIMARY KEY("price_list_id","ingredient_id")
);
--> statement-breakpoint
CREATE TABLE "supplier_price_list" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"supplier_id" integer NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_supplier" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dish_photo" ADD CONSTRAINT "dish_photo_dish_id_dish_dish_id_fk" FOREIGN KEY ("dish_id") REFERENCES "public"."dish_dish"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dish_recipe_line" ADD CONSTRAINT "dish_recipe_line_dish_id_dish_dish_id_fk" FOREIGN KEY ("dish_id") REFERENCES "public"."dish_dish"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingredient_stock_limit" ADD CONSTRAINT "ingredient_stock_limit_ingredient_id_ingredient_ingredient_id_fk" FOREIGN KEY ("ingredient_id") REFERENCES "public"."ingredient_ingredient"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "menu_item" ADD CONSTRAINT "menu_item_plan_id_menu_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."menu_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_line" ADD CONSTRAINT "requisition_line_requisition_id_requisition_requisition_id_fk" FOREIGN KEY ("requisition_id") REFERENCES "public"."requisition_requisition"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_price" ADD CONSTRAINT "supplier_price_price_list_id_supplier_price_list_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."supplier_price_list"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_price_list" ADD CONSTRAINT "supplier_price_list_supplier_id_supplier_supplier_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."supplier_supplier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dish_org_code_uq" ON "dish_dish" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "dish_org_idx" ON "dish_dish" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "dish_recipe_ingredient_idx" ON "dish_recipe_line" USING btree ("ingredient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ingredient_org_code_uq" ON "ingredient_ingredient" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "ingredient_org_idx" ON "ingredient_ingredient" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "menu_plan_uq" ON "menu_plan" USING btree ("org_id","date","meal");--> statement-breakpoint
CREATE INDEX "menu_plan_date_idx" ON "menu_plan" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_no_uq" ON "requisition_requisition" USING btree ("no");--> statement-breakpoint
CREATE INDEX "requisition_org_idx" ON "requisition_requisition" USING btree ("org_id","date_from");--> statement-breakpoint
CREATE UNIQUE INDEX "requisition_line_uq" ON "requisition_line" USING btree ("requisition_id","ingredient_id");--> statement-breakpoint
CREATE INDEX "supplier_price_ingredient_idx" ON "supplier_price" USING btree ("ingredient_id");--> statement-breakpoint
CREATE INDEX "supplier_price_list_org_idx" ON "supplier_price_list" USING btree ("org_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_org_code_uq" ON "supplier_supplier" USING btree ("org_id","code");