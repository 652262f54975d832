import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
// The statuses clients see are the ones stored: one list, in the shared wire types.
import { ITEM_STATUSES, JOB_STATUSES } from "../shared/jobs";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("role", ["admin", "member", "viewer"]);
export const classificationSourceEnum = pgEnum("classification_source", ["catalog", "rules", "ai", "human"]);
export const classificationStatusEnum = pgEnum("classification_status", ["active", "replaced", "rejected"]);
export const jobStatusEnum = pgEnum("job_status", JOB_STATUSES);
export const itemStatusEnum = pgEnum("item_status", ITEM_STATUSES);

export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: varchar("slug", { length: 64 }).notNull().unique(),
  // IANA time zone: the daily summary goes out at 19:00 there.
  timeZone: varchar("time_zone", { length: 64 }).notNull().default("America/Sao_Paulo"),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    // Stored lowercased; unique across tenants so login needs only the email.
    email: varchar("email", { length: 320 }).notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull().default("member"),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    // E-mail opt-ins: each job's start and end, and the tenant's daily summary.
    emailJobEvents: boolean("email_job_events").notNull().default(false),
    emailDailySummary: boolean("email_daily_summary").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email), index("users_tenant_idx").on(t.tenantId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // The first characters of the key, shown in listings so a user can tell keys apart.
    prefix: varchar("prefix", { length: 16 }).notNull(),
    // SHA-256 of the whole key: keys are 256-bit random, so a slow hash adds nothing.
    keyHash: varchar("key_hash", { length: 64 }).notNull(),
    role: roleEnum("role").notNull().default("member"),
    createdBy: uuid("created_by"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_uq").on(t.keyHash),
    index("api_keys_tenant_idx").on(t.tenantId, t.createdAt),
  ],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refresh_tokens_hash_uq").on(t.tokenHash),
    index("refresh_tokens_family_idx").on(t.familyId),
  ],
);

// Single-use WebSocket tickets: browsers cannot send an Authorization header on an upgrade, so they
// trade their credentials for one of these (60 s, bound to tenant, principal and job).
export const wsTickets = pgTable(
  "ws_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").notNull(),
    principalType: varchar("principal_type", { length: 16 }).notNull(),
    principalId: uuid("principal_id").notNull(),
    role: roleEnum("role").notNull(),
    ticketHash: varchar("ticket_hash", { length: 64 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ws_tickets_hash_uq").on(t.ticketHash),
    index("ws_tickets_expires_idx").on(t.expiresAt),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    actorType: varchar("actor_type", { length: 16 }).notNull(),
    actorId: text("actor_id"),
    action: varchar("action", { length: 64 }).notNull(),
    targetType: varchar("target_type", { length: 32 }),
    targetId: text("target_id"),
    details: jsonb("details").notNull().default({}),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_tenant_idx").on(t.tenantId, t.id)],
);

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    status: jobStatusEnum("status").notNull(),
    sourceKind: varchar("source_kind", { length: 8 }).notNull(),
    sourceKey: text("source_key"),
    sourceName: text("source_name"),
    options: jsonb("options").notNull().default({}),
    total: integer("total").notNull().default(0),
    pending: integer("pending").notNull().default(0),
    classified: integer("classified").notNull().default(0),
    needsReview: integer("needs_review").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    invalid: integer("invalid").notNull().default(0),
    error: jsonb("error"),
    // What extraction could not read: [{code, message, page}], shown with the job.
    warnings: jsonb("warnings"),
    idempotencyKey: varchar("idempotency_key", { length: 255 }),
    requestHash: varchar("request_hash", { length: 64 }),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
    index("jobs_tenant_status_idx").on(t.tenantId, t.status, t.createdAt),
    uniqueIndex("jobs_idempotency_uq").on(t.tenantId, t.idempotencyKey),
  ],
);

export const partnumbers = pgTable(
  "partnumbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    // Normalized MPN (see src/jobs/normalize.ts); unique per tenant.
    mpn: text("mpn").notNull(),
    manufacturer: text("manufacturer"),
    description: text("description"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("partnumbers_tenant_mpn_uq").on(t.tenantId, t.mpn),
    // Trigram indexes: the classifier proposes the codes of the tenant's parts that look alike.
    index("partnumbers_mpn_trgm_idx").using("gin", sql`${t.mpn} gin_trgm_ops`),
    index("partnumbers_description_trgm_idx").using("gin", sql`${t.description} gin_trgm_ops`),
  ],
);

export const classifications = pgTable(
  "classifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnumberId: uuid("partnumber_id")
      .notNull()
      .references(() => partnumbers.id, { onDelete: "cascade" }),
    ncm: varchar("ncm", { length: 8 }).notNull(),
    exTipi: varchar("ex_tipi", { length: 3 }),
    description: text("description"),
    manufacturer: text("manufacturer"),
    country: varchar("country", { length: 2 }),
    confidence: real("confidence").notNull(),
    rationale: text("rationale").notNull(),
    source: classificationSourceEnum("source").notNull(),
    status: classificationStatusEnum("status").notNull().default("active"),
    model: text("model"),
    jobId: uuid("job_id"),
    createdBy: text("created_by"),
    // Who retired this classification (replaced or rejected it in review), when, and why.
    reviewedBy: text("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("classifications_confidence_ck", sql`${t.confidence} >= 0 and ${t.confidence} <= 1`),
    check("classifications_ncm_ck", sql`${t.ncm} ~ '^[0-9]{8}$'`),
    // At most one active classification per part number: the catalog entry.
    uniqueIndex("classifications_active_uq")
      .on(t.tenantId, t.partnumberId)
      .where(sql`${t.status} = 'active'`),
    index("classifications_partnumber_idx").on(t.tenantId, t.partnumberId, t.createdAt),
  ],
);

export const jobItems = pgTable(
  "job_items",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnumber: text("partnumber").notNull(),
    rawPartnumber: text("raw_partnumber").notNull(),
    description: text("description"),
    manufacturer: text("manufacturer"),
    quantity: numeric("quantity", { mode: "number" }),
    // As the document prints them: the unit of measure and the country of origin (free text; the
    // answer's ISO country is `country`). The declared NCM is `declared_ncm` below.
    unit: text("unit"),
    originCountry: text("origin_country"),
    // Every place the part number occurred in the input (list index, page/line), de-duplicated into one item.
    occurrences: jsonb("occurrences").notNull().default([]),
    status: itemStatusEnum("status").notNull().default("pending"),
    reason: text("reason"),
    classificationId: uuid("classification_id"),
    ncm: varchar("ncm", { length: 8 }),
    exTipi: varchar("ex_tipi", { length: 3 }),
    classDescription: text("class_description"),
    classManufacturer: text("class_manufacturer"),
    country: varchar("country", { length: 2 }),
    confidence: real("confidence"),
    rationale: text("rationale"),
    source: classificationSourceEnum("source"),
    // From the TIPI/TEC when the answer was made: IPI (null + ipi_not_taxed for "NT") and import duty.
    ipiRate: numeric("ipi_rate", { precision: 6, scale: 2, mode: "number" }),
    ipiNotTaxed: boolean("ipi_not_taxed").notNull().default(false),
    iiRate: numeric("ii_rate", { precision: 6, scale: 2, mode: "number" }),
    // The NCM the document declares, and whether the answer differs from it.
    declaredNcm: varchar("declared_ncm", { length: 8 }),
    declaredDisagrees: boolean("declared_disagrees").notNull().default(false),
    // The ranked NCM candidates the answer was chosen from (code, description, score, sources).
    candidates: jsonb("candidates"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    index("job_items_tenant_job_status_idx").on(t.tenantId, t.jobId, t.status, t.seq),
  ],
);

export const ncm = pgTable(
  "ncm",
  {
    // Digits only: 2 (chapter), 4 (heading), 5-7 (sub-levels) or 8 (the classifiable NCM code).
    code: varchar("code", { length: 8 }).primaryKey(),
    description: text("description").notNull(),
    parent: varchar("parent", { length: 8 }),
    level: smallint("level").notNull(),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    updatedAt: updatedAt(),
  },
  (t) => [index("ncm_parent_idx").on(t.parent)],
);

/**
 * The NCM table's inverted index for candidate search: one row per (Portuguese lexeme, 8-digit
 * code in force), weighted by where the word sits in the code's hierarchy (its own text 1, the
 * sub-headings above it less, the chapter least). Rebuilt by the NCM sync; see src/classify/ncm-search.ts.
 */
export const ncmTerms = pgTable(
  "ncm_terms",
  {
    lexeme: text("lexeme").notNull(),
    code: varchar("code", { length: 8 }).notNull(),
    weight: real("weight").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lexeme, t.code] })],
);

/** Document frequency of each lexeme over the codes in force, for inverse-document-frequency weights. */
export const ncmLexicon = pgTable("ncm_lexicon", {
  lexeme: text("lexeme").primaryKey(),
  df: integer("df").notNull(),
  idf: real("idf").notNull(),
});

/**
 * TIPI: the IPI rate of each NCM code (ex = '') and of its Ex-TIPI lines (ex = '01'..). `notTaxed`
 * is "NT" (não tributado), legally different from a 0% rate, so it is kept apart from `ipiRate`.
 */
export const tipi = pgTable(
  "tipi",
  {
    ncm: varchar("ncm", { length: 8 }).notNull(),
    ex: varchar("ex", { length: 3 }).notNull().default(""),
    description: text("description").notNull(),
    ipiRate: numeric("ipi_rate", { precision: 6, scale: 2 }),
    notTaxed: boolean("not_taxed").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.ncm, t.ex] }), check("tipi_ncm_ck", sql`${t.ncm} ~ '^[0-9]{8}$'`)],
);

/**
 * Import duty (II) per NCM: `tecRate` from the TEC (Anexo I), `iiRate` the rate applied (Anexo II
 * where listed, else the TEC). `regime` is BK (capital goods) or BIT (IT/telecom) when the TEC says so.
 */
export const tec = pgTable(
  "tec",
  {
    ncm: varchar("ncm", { length: 8 }).primaryKey(),
    tecRate: numeric("tec_rate", { precision: 6, scale: 2 }).notNull(),
    iiRate: numeric("ii_rate", { precision: 6, scale: 2 }).notNull(),
    regime: varchar("regime", { length: 3 }),
    appliedFrom: varchar("applied_from", { length: 16 }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [check("tec_ncm_ck", sql`${t.ncm} ~ '^[0-9]{8}$'`)],
);

export const failures = pgTable(
  "failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    jobId: uuid("job_id"),
    messageId: text("message_id").notNull(),
    itemSeqs: jsonb("item_seqs").notNull().default([]),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(0),
    payload: jsonb("payload"),
    createdAt: createdAt(),
  },
  (t) => [
    index("failures_tenant_job_idx").on(t.tenantId, t.jobId),
    uniqueIndex("failures_message_uq").on(t.messageId),
  ],
);

export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: jsonb("events").$type<string[]>().notNull(),
    // The HMAC key deliveries are signed with; shown once, at creation. Kept as is: signing needs it.
    secret: text("secret").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_tenant_idx").on(t.tenantId, t.createdAt)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    // Sent as the Partwise-Delivery header.
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull(),
    event: varchar("event", { length: 32 }).notNull(),
    // The exact bytes signed and sent.
    body: text("body").notNull(),
    // pending → delivered | retrying → … → delivered | dead
    status: varchar("status", { length: 16 }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deadAt: timestamp("dead_at", { withTimezone: true }),
  },
  (t) => [
    // A re-run fan-out (queues deliver at least once) finds the delivery it already made.
    uniqueIndex("webhook_deliveries_event_uq").on(t.webhookId, t.eventId),
    index("webhook_deliveries_webhook_idx").on(t.tenantId, t.webhookId, t.createdAt),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.id)],
);

// One row per tenant and local date: the cron inserts it before sending, so a repeated run sends nothing twice.
export const dailySummaries = pgTable(
  "daily_summaries",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    date: date("date").notNull(),
    timeZone: varchar("time_zone", { length: 64 }).notNull(),
    body: jsonb("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] })],
);
