ALTER TABLE "job_items" ADD COLUMN "ipi_rate" numeric(6, 2);--> statement-breakpoint
ALTER TABLE "job_items" ADD COLUMN "ipi_not_taxed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "job_items" ADD COLUMN "ii_rate" numeric(6, 2);--> statement-breakpoint
ALTER TABLE "job_items" ADD COLUMN "declared_ncm" varchar(8);--> statement-breakpoint
ALTER TABLE "job_items" ADD COLUMN "declared_disagrees" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "job_items" ADD COLUMN "candidates" jsonb;