CREATE TABLE "feedback_survey_answer" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"response_id" integer NOT NULL,
	"survey_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"rating" smallint,
	"choice" smallint,
	"text" text
);
--> statement-breakpoint
CREATE TABLE "feedback_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"dish_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"satisfied" boolean,
	"rated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feedback_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"feedback_id" integer NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_survey_question" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"survey_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"aspect" text,
	"text" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"required" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_reply" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"feedback_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_survey_response" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"survey_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_survey" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "feedback_survey_answer" ADD CONSTRAINT "feedback_survey_answer_response_id_feedback_survey_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."feedback_survey_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_survey_answer" ADD CONSTRAINT "feedback_survey_answer_question_id_feedback_survey_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."feedback_survey_question"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_photo" ADD CONSTRAINT "feedback_photo_feedback_id_feedback_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_feedback"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_survey_question" ADD CONSTRAINT "feedback_survey_question_survey_id_feedback_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."feedback_survey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reply" ADD CONSTRAINT "feedback_reply_feedback_id_feedback_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_feedback"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_survey_response" ADD CONSTRAINT "feedback_survey_response_survey_id_feedback_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."feedback_survey"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_answer_question_idx" ON "feedback_survey_answer" USING btree ("survey_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_answer_uq" ON "feedback_survey_answer" USING btree ("response_id","question_id");--> statement-breakpoint
CREATE INDEX "feedback_org_status_idx" ON "feedback_feedback" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "feedback_person_idx" ON "feedback_feedback" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_photo_feedback_idx" ON "feedback_photo" USING btree ("feedback_id");--> statement-breakpoint
CREATE INDEX "feedback_question_survey_idx" ON "feedback_survey_question" USING btree ("survey_id","position");--> statement-breakpoint
CREATE INDEX "feedback_reply_feedback_idx" ON "feedback_reply" USING btree ("feedback_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_response_once_uq" ON "feedback_survey_response" USING btree ("survey_id","person_id");--> statement-breakpoint
CREATE INDEX "feedback_survey_org_idx" ON "feedback_survey" USING btree ("org_id","status","closes_on");