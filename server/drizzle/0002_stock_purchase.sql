CREATE TABLE "purchase_order" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"no" text NOT NULL,
	"requisition_id" integer,
	"supplier_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"delivery_date" date NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_via" text,
	"sent_ref" text
);
--> statement-breakpoint
CREATE TABLE "purchase_order_line" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"purchase_unit" text NOT NULL,
	"grams_per_unit" integer NOT NULL,
	"qty" integer NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"received_g" bigint DEFAULT 0 NOT NULL,
	"received_fen" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_attachment" (
	"id" serial PRIMARY KEY NOT NULL,
	"doc_id" integer NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_batch" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"doc_id" integer NOT NULL,
	"supplier_id" integer,
	"received_on" date NOT NULL,
	"best_before" date NOT NULL,
	"in_g" bigint NOT NULL,
	"in_fen" bigint NOT NULL,
	"qty_g" bigint NOT NULL,
	"value_fen" bigint NOT NULL,
	CONSTRAINT "stock_batch_not_negative" CHECK ("stock_batch"."qty_g" >= 0 and "stock_batch"."value_fen" >= 0 and ("stock_batch"."qty_g" > 0 or "stock_batch"."value_fen" = 0))
);
--> statement-breakpoint
CREATE TABLE "stock_receipt_line" (
	"id" serial PRIMARY KEY NOT NULL,
	"doc_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"order_line_id" integer,
	"delivered_g" bigint NOT NULL,
	"accepted_g" bigint NOT NULL,
	"decision" text NOT NULL,
	"grade" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"weighed_by" text NOT NULL,
	"device_code" text,
	"unit_price_fen" integer NOT NULL,
	"grams_per_unit" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"batch_id" integer,
	"best_before" date
);
--> statement-breakpoint
CREATE TABLE "stock_required_document" (
	"org_id" integer NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "stock_required_document_org_id_category_kind_pk" PRIMARY KEY("org_id","category","kind")
);
--> statement-breakpoint
CREATE TABLE "stock_count" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"no" text NOT NULL,
	"store" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"comment" text,
	"doc_id" integer
);
--> statement-breakpoint
CREATE TABLE "stock_count_line" (
	"count_id" integer NOT NULL,
	"batch_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"book_g" bigint NOT NULL,
	"counted_g" bigint,
	CONSTRAINT "stock_count_line_count_id_batch_id_pk" PRIMARY KEY("count_id","batch_id")
);
--> statement-breakpoint
CREATE TABLE "stock_daily" (
	"org_id" integer NOT NULL,
	"day" date NOT NULL,
	"ingredient_id" integer NOT NULL,
	"kind" text NOT NULL,
	"qty_g" bigint NOT NULL,
	"value_fen" bigint NOT NULL,
	"moves" integer NOT NULL,
	CONSTRAINT "stock_daily_org_id_day_ingredient_id_kind_pk" PRIMARY KEY("org_id","day","ingredient_id","kind")
);
--> statement-breakpoint
CREATE TABLE "stock_doc" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"no" text NOT NULL,
	"business_date" date NOT NULL,
	"meal" text,
	"purchase_order_id" integer,
	"supplier_id" integer,
	"counterpart_org_id" integer,
	"linked_doc_id" integer,
	"reason" text DEFAULT '' NOT NULL,
	"request_key" text,
	"missing_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_move" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"ingredient_id" integer NOT NULL,
	"batch_id" integer NOT NULL,
	"doc_id" integer NOT NULL,
	"kind" text NOT NULL,
	"qty_g" bigint NOT NULL,
	"value_fen" bigint NOT NULL,
	"business_date" date NOT NULL,
	"created_by" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "purchase_order_line" ADD CONSTRAINT "purchase_order_line_order_id_purchase_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_order"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_attachment" ADD CONSTRAINT "stock_attachment_doc_id_stock_doc_id_fk" FOREIGN KEY ("doc_id") REFERENCES "public"."stock_doc"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_receipt_line" ADD CONSTRAINT "stock_receipt_line_doc_id_stock_doc_id_fk" FOREIGN KEY ("doc_id") REFERENCES "public"."stock_doc"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_line" ADD CONSTRAINT "stock_count_line_count_id_stock_count_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."stock_count"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_no_uq" ON "purchase_order" USING btree ("no");--> statement-breakpoint
CREATE INDEX "purchase_order_org_idx" ON "purchase_order" USING btree ("org_id","delivery_date");--> statement-breakpoint
CREATE INDEX "purchase_order_requisition_idx" ON "purchase_order" USING btree ("requisition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_line_uq" ON "purchase_order_line" USING btree ("order_id","ingredient_id");--> statement-breakpoint
CREATE INDEX "stock_attachment_doc_idx" ON "stock_attachment" USING btree ("doc_id");--> statement-breakpoint
CREATE INDEX "stock_batch_fefo_idx" ON "stock_batch" USING btree ("org_id","ingredient_id","best_before","id") WHERE qty_g > 0;--> statement-breakpoint
CREATE INDEX "stock_receipt_line_doc_idx" ON "stock_receipt_line" USING btree ("doc_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_count_no_uq" ON "stock_count" USING btree ("no");--> statement-breakpoint
CREATE INDEX "stock_count_org_idx" ON "stock_count" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_doc_no_uq" ON "stock_doc" USING btree ("no");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_doc_request_key_uq" ON "stock_doc" USING btree ("org_id","request_key");--> statement-breakpoint
CREATE INDEX "stock_doc_org_idx" ON "stock_doc" USING btree ("org_id","kind","business_date");--> statement-breakpoint
CREATE INDEX "stock_move_org_date_idx" ON "stock_move" USING btree ("org_id","business_date");--> statement-breakpoint
CREATE INDEX "stock_move_doc_idx" ON "stock_move" USING btree ("doc_id");--> statement-breakpoint
CREATE INDEX "stock_move_batch_idx" ON "stock_move" USING btree ("batch_id");