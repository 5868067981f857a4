CREATE TABLE "core_audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" integer,
	"actor_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_org" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"path" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_permission_known" (
	"permission" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_person" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_role" (
	"key" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_role_assignment" (
	"person_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"role_key" text NOT NULL,
	CONSTRAINT "core_role_assignment_person_id_org_id_role_key_pk" PRIMARY KEY("person_id","org_id","role_key")
);
--> statement-breakpoint
CREATE TABLE "core_role_permission" (
	"role_key" text NOT NULL,
	"permission" text NOT NULL,
	CONSTRAINT "core_role_permission_role_key_permission_pk" PRIMARY KEY("role_key","permission")
);
--> statement-breakpoint
CREATE TABLE "core_session" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "core_person" ADD CONSTRAINT "core_person_org_id_core_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."core_org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_role_assignment" ADD CONSTRAINT "core_role_assignment_person_id_core_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."core_person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_role_assignment" ADD CONSTRAINT "core_role_assignment_org_id_core_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."core_org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_role_assignment" ADD CONSTRAINT "core_role_assignment_role_key_core_role_key_fk" FOREIGN KEY ("role_key") REFERENCES "public"."core_role"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_role_permission" ADD CONSTRAINT "core_role_permission_role_key_core_role_key_fk" FOREIGN KEY ("role_key") REFERENCES "public"."core_role"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_session" ADD CONSTRAINT "core_session_person_id_core_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."core_person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "core_audit_org_at_idx" ON "core_audit_log" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "core_audit_entity_idx" ON "core_audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "core_org_code_uq" ON "core_org" USING btree ("code");--> statement-breakpoint
CREATE INDEX "core_org_path_idx" ON "core_org" USING btree ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "core_person_username_uq" ON "core_person" USING btree ("username");--> statement-breakpoint
CREATE INDEX "core_person_org_idx" ON "core_person" USING btree ("org_id");