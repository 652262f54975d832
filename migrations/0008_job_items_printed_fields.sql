ALTER TABLE "job_items" ADD COLUMN "unit" text;--> statement-breakpoint
ALTER TABLE "job_items" ADD COLUMN "origin_country" text;