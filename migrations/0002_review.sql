ALTER TABLE "classifications" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "classifications" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "classifications" ADD COLUMN "note" text;