CREATE TABLE "ncm_lexicon" (
	"lexeme" text PRIMARY KEY NOT NULL,
	"df" integer NOT NULL,
	"idf" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ncm_terms" (
	"lexeme" text NOT NULL,
	"code" varchar(8) NOT NULL,
	"weight" real NOT NULL,
	CONSTRAINT "ncm_terms_lexeme_code_pk" PRIMARY KEY("lexeme","code")
);
--> statement-breakpoint
CREATE TABLE "tec" (
	"ncm" varchar(8) PRIMARY KEY NOT NULL,
	"tec_rate" numeric(6, 2) NOT NULL,
	"ii_rate" numeric(6, 2) NOT NULL,
	"regime" varchar(3),
	"applied_from" varchar(16) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tec_ncm_ck" CHECK ("tec"."ncm" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "tipi" (
	"ncm" varchar(8) NOT NULL,
	"ex" varchar(3) DEFAULT '' NOT NULL,
	"description" text NOT NULL,
	"ipi_rate" numeric(6, 2),
	"not_taxed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tipi_ncm_ex_pk" PRIMARY KEY("ncm","ex"),
	CONSTRAINT "tipi_ncm_ck" CHECK ("tipi"."ncm" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
-- Trigram similarity for matching part numbers and descriptions against the tenant catalog.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
