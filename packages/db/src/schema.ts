import {
  ACTIVITY_TYPES,
  type ActivityType,
  ALERT_STATUSES,
  type AlertStatus,
  APPLICATION_ROUTES,
  APPLICATION_STATUSES,
  type ApplicationRoute,
  type ApplicationStatus,
  ATTRIBUTE_MODEL_USES,
  type AttributeModelUse,
  BLOCKER_TYPES,
  type BlockerType,
  CONSENT_SOURCES,
  CONSENT_TYPES,
  COURSE_LEVELS,
  type ConsentSource,
  type ConsentType,
  type CourseLevel,
  type DataCategory,
  ENGAGEMENT_TYPES,
  type EngagementType,
  ERASURE_GROUNDS,
  type ErasureGround,
  type Factor,
  type FactorWeights,
  type ForecastConfig,
  GDPR_REQUEST_KINDS,
  type GdprRequestKind,
  JOB_STATUSES,
  type JobStatus,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  LLM_CALL_OUTCOMES,
  LLM_FALLBACK_REASONS,
  type LlmCallOutcome,
  type LlmFallbackReason,
  MODEL_TYPES,
  type ModelType,
  ROLES,
  type Role,
  SCORE_BANDS,
  type ScoreBand,
  SEVERITIES,
  type Severity,
  SOURCES,
  type Source,
  TRIAGE_ACTIONS,
  type TriageAction,
  WEIGHT_DECISIONS,
  type WeightDecision,
} from '@ivy/core';
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

/** `column IN ('a','b',…)` for a CHECK constraint built from one of @ivy/core's vocabularies. */
function oneOf(column: SQL | ReturnType<typeof sql.raw>, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

export const campuses = pgTable('campuses', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  city: text('city').notNull(),
  created_at: createdAt(),
});

export const departments = pgTable('departments', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  created_at: createdAt(),
});

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull().unique(),
  department_id: uuid('department_id')
    .notNull()
    .references(() => departments.id),
  created_at: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    full_name: text('full_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    team_id: uuid('team_id').references(() => teams.id),
    active: boolean('active').notNull().default(true),
    /** argon2id (PHC string); null for a user who cannot sign in with a password. */
    password_hash: text('password_hash'),
    /** For a student: their own record in people, the only one their scope reaches. */
    person_id: uuid('person_id').references((): AnyPgColumn => people.id, { onDelete: 'set null' }),
    last_login_at: tstz('last_login_at'),
    created_at: createdAt(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_role_check', oneOf(sql`role`, ROLES)),
  ],
);

export const courses = pgTable(
  'courses',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').$type<CourseLevel>().notNull(),
    department_id: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    campus_id: uuid('campus_id')
      .notNull()
      .references(() => campuses.id),
    /** First day of teaching for this intake; one row per course per intake, because capacity is per intake. */
    intake: date('intake', { mode: 'string' }).notNull(),
    capacity: integer('capacity').notNull(),
    fee_gbp: numeric('fee_gbp', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    created_at: createdAt(),
  },
  (t) => [
    uniqueIndex('courses_code_intake_key').on(t.code, t.intake),
    check('courses_level_check', oneOf(sql`level`, COURSE_LEVELS)),
    check('courses_capacity_check', sql`capacity > 0`),
    check('courses_fee_check', sql`fee_gbp >= 0`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: id(),
    /** The identifier of this person in the system they were imported from (UCAS personal id, CRM id, …). */
    external_ref: text('external_ref'),
    first_name: text('first_name'),
    last_name: text('last_name'),
    email: text('email'),
    email_normalized: text('email_normalized').generatedAlwaysAs(sql`lower(btrim(email))`),
    phone: text('phone'),
    /** E.164, computed by the application (libphonenumber); null when the phone is missing or invalid. */
    phone_e164: text('phone_e164'),
    postcode: text('postcode'),
    date_of_birth: date('date_of_birth', { mode: 'string' }),
    /** ISO 3166-1 alpha-2 country of permanent residence (fee status and visa needs follow from it). */
    domicile: text('domicile'),
    consent_email: boolean('consent_email').notNull().default(false),
    consent_sms: boolean('consent_sms').notNull().default(false),
    consent_phone: boolean('consent_phone').notNull().default(false),
    lifecycle_stage: text('lifecycle_stage').$type<LifecycleStage>().notNull().default('enquirer'),
    enquired_at: tstz('enquired_at').notNull().defaultNow(),
    applied_at: tstz('applied_at'),
    offered_at: tstz('offered_at'),
    accepted_at: tstz('accepted_at'),
    enrolled_at: tstz('enrolled_at'),
    lost_at: tstz('lost_at'),
    lost_reason: text('lost_reason'),
    source: text('source').$type<Source>().notNull().default('unknown'),
    /** The source as the originating system named it, kept when it was mapped onto one of Ivy's sources. */
    source_detail: text('source_detail'),
    campaign: text('campaign'),
    course_id: uuid('course_id').references(() => courses.id),
    owner_id: uuid('owner_id').references(() => users.id),
    team_id: uuid('team_id').references(() => teams.id),
    /** Imported fields Ivy has no column for, kept so nothing from the source system is lost. */
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    created_at: createdAt(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
    /** Last engagement, activity or stage change; starts at the enquiry itself. */
    last_activity_at: tstz('last_activity_at').notNull().defaultNow(),
    sort_name: text('sort_name').generatedAlwaysAs(
      sql`lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))`,
    ),
    search_text: text('search_text').generatedAlwaysAs(
      sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone_e164, '') || ' ' || coalesce(postcode, '') || ' ' || coalesce(external_ref, ''))`,
    ),
  },
  (t) => [
    uniqueIndex('people_email_normalized_key').on(t.email_normalized),
    uniqueIndex('people_external_ref_key').on(t.external_ref),
    index('people_phone_e164_idx').on(t.phone_e164),
    index('people_stage_created_idx').on(t.lifecycle_stage, t.created_at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('people_source_created_idx').on(t.source, t.created_at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('people_course_idx').on(t.course_id),
    index('people_owner_idx').on(t.owner_id),
    index('people_team_idx').on(t.team_id),
    index('people_created_idx').on(t.created_at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('people_last_activity_idx').on(t.last_activity_at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('people_sort_name_idx').on(t.sort_name, t.id),
    index('people_search_trgm_idx').using('gin', sql`${t.search_text} gin_trgm_ops`),
    check('people_stage_check', oneOf(sql`lifecycle_stage`, LIFECYCLE_STAGES)),
    check('people_source_check', oneOf(sql`source`, SOURCES)),
    check('people_lost_check', sql`(lifecycle_stage = 'lost') = (lost_at is not null)`),
  ],
);

export const applications = pgTable(
  'applications',
  {
    id: id(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    course_id: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    route: text('route').$type<ApplicationRoute>().notNull(),
    status: text('status').$type<ApplicationStatus>().notNull().default('submitted'),
    submitted_at: tstz('submitted_at').notNull().defaultNow(),
    decided_at: tstz('decided_at'),
    updated_at: tstz('updated_at').notNull().defaultNow(),
    created_at: createdAt(),
  },
  (t) => [
    index('applications_person_idx').on(t.person_id),
    index('applications_course_status_idx').on(t.course_id, t.status),
    uniqueIndex('applications_person_course_key').on(t.person_id, t.course_id),
    check('applications_status_check', oneOf(sql`status`, APPLICATION_STATUSES)),
    check('applications_route_check', oneOf(sql`route`, APPLICATION_ROUTES)),
  ],
);

export const applicationStatusHistory = pgTable(
  'application_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    application_id: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    from_status: text('from_status').$type<ApplicationStatus>(),
    to_status: text('to_status').$type<ApplicationStatus>().notNull(),
    changed_at: tstz('changed_at').notNull().defaultNow(),
    changed_by: uuid('changed_by').references(() => users.id),
    note: text('note'),
  },
  (t) => [
    index('application_status_history_app_idx').on(t.application_id, t.changed_at),
    check('application_status_history_to_check', oneOf(sql`to_status`, APPLICATION_STATUSES)),
  ],
);

export const engagementEvents = pgTable(
  'engagement_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    type: text('type').$type<EngagementType>().notNull(),
    occurred_at: tstz('occurred_at').notNull(),
    /** For web visits and calls: time spent, in seconds. */
    duration_seconds: integer('duration_seconds'),
    metadata: jsonb('metadata').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    created_at: createdAt(),
  },
  (t) => [
    index('engagement_events_person_time_idx').on(t.person_id, t.occurred_at.desc().nullsFirst()),
    index('engagement_events_time_idx').on(t.occurred_at),
    index('engagement_events_type_time_idx').on(t.type, t.occurred_at),
    check('engagement_events_type_check', oneOf(sql`type`, ENGAGEMENT_TYPES)),
    check('engagement_events_duration_check', sql`duration_seconds is null or duration_seconds >= 0`),
  ],
);

export const activities = pgTable(
  'activities',
  {
    id: id(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    user_id: uuid('user_id').references(() => users.id),
    type: text('type').$type<ActivityType>().notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    occurred_at: tstz('occurred_at').notNull().defaultNow(),
    created_at: createdAt(),
  },
  (t) => [
    index('activities_person_time_idx').on(t.person_id, t.occurred_at.desc().nullsFirst()),
    check('activities_type_check', oneOf(sql`type`, ACTIVITY_TYPES)),
  ],
);

export const sourceCosts = pgTable(
  'source_costs',
  {
    id: id(),
    source: text('source').$type<Source>().notNull(),
    /** First day of the month the spend belongs to. */
    month: date('month', { mode: 'string' }).notNull(),
    amount_gbp: numeric('amount_gbp', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    created_at: createdAt(),
  },
  (t) => [
    uniqueIndex('source_costs_source_month_key').on(t.source, t.month),
    check('source_costs_source_check', oneOf(sql`source`, SOURCES)),
    check('source_costs_month_check', sql`extract(day from month) = 1`),
    check('source_costs_amount_check', sql`amount_gbp >= 0`),
  ],
);

/** Browser sessions: the cookie carries a random token, the database keeps only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token_hash: text('token_hash').notNull().unique(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    created_at: createdAt(),
    expires_at: tstz('expires_at').notNull(),
    last_seen_at: tstz('last_seen_at').notNull().defaultNow(),
    revoked_at: tstz('revoked_at'),
    ip: text('ip'),
    user_agent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.user_id)],
);

/** Personal bearer tokens for API clients; stored hashed, shown once at creation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token_hash: text('token_hash').notNull().unique(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    created_at: createdAt(),
    expires_at: tstz('expires_at'),
    last_used_at: tstz('last_used_at'),
    revoked_at: tstz('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.user_id)],
);

/** Every sign-in attempt, for the lockout (recent failures per account) and for investigation. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email_normalized: text('email_normalized').notNull(),
    succeeded: boolean('succeeded').notNull(),
    ip: text('ip'),
    attempted_at: tstz('attempted_at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_time_idx').on(t.email_normalized, t.attempted_at)],
);

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Append-only record of every change and every denial. A trigger (migration 0004) refuses UPDATE, DELETE and
 * TRUNCATE for every database role, so not even a super admin's request can rewrite history. The actor is kept
 * by id and label without a foreign key, so removing a user never needs to touch the log.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurred_at: tstz('occurred_at').notNull().defaultNow(),
    actor_user_id: uuid('actor_user_id'),
    actor_label: text('actor_label'),
    action: text('action').notNull(),
    resource_type: text('resource_type').notNull(),
    resource_id: text('resource_id'),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    ip: text('ip'),
    user_agent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_time_idx').on(t.occurred_at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('audit_log_actor_time_idx').on(t.actor_user_id, t.occurred_at),
    index('audit_log_resource_idx').on(t.resource_type, t.resource_id),
    check('audit_log_outcome_check', oneOf(sql`outcome`, AUDIT_OUTCOMES)),
  ],
);

/**
 * Versions of the triage factor weights. Exactly one is active; every stored score names the version that
 * produced it, so any score can be reproduced. Version 1 (the defaults) is inserted by migration 0006.
 */
export const leadScoringWeights = pgTable(
  'lead_scoring_weights',
  {
    version: serial('version').primaryKey(),
    weights: jsonb('weights').$type<FactorWeights>().notNull(),
    active: boolean('active').notNull().default(false),
    reason: text('reason').notNull(),
    created_by: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex('lead_scoring_weights_one_active').on(t.active).where(sql`active`)],
);

/** Every change or proposed change of the weights: who, when, old, new, why, and for the optimiser both AUCs. */
export const leadScoringWeightsAudit = pgTable(
  'lead_scoring_weights_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurred_at: tstz('occurred_at').notNull().defaultNow(),
    actor_user_id: uuid('actor_user_id'),
    actor_label: text('actor_label').notNull(),
    decision: text('decision').$type<WeightDecision>().notNull(),
    old_version: integer('old_version'),
    new_version: integer('new_version'),
    old_weights: jsonb('old_weights').$type<FactorWeights>(),
    new_weights: jsonb('new_weights').$type<FactorWeights>().notNull(),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  () => [check('lead_scoring_weights_audit_decision_check', oneOf(sql`decision`, WEIGHT_DECISIONS))],
);

/** Each person's current triage score (recomputed, not accumulated). */
export const leadScores = pgTable(
  'lead_scores',
  {
    person_id: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    band: text('band').$type<ScoreBand>().notNull(),
    action: text('action').$type<TriageAction>().notNull(),
    confidence: doublePrecision('confidence').notNull(),
    points: jsonb('points').$type<Record<Factor, number>>().notNull(),
    weights_version: integer('weights_version')
      .notNull()
      .references(() => leadScoringWeights.version),
    scored_at: tstz('scored_at').notNull(),
  },
  (t) => [
    index('lead_scores_score_idx').on(t.score.desc().nullsFirst(), t.person_id.desc().nullsFirst()),
    index('lead_scores_band_idx').on(t.band),
    check('lead_scores_band_check', oneOf(sql`band`, SCORE_BANDS)),
    check('lead_scores_action_check', oneOf(sql`action`, TRIAGE_ACTIONS)),
    check('lead_scores_score_range', sql`score >= 0 and score <= 100`),
  ],
);

/** Versions of the rules-forecast configuration; exactly one is active (version 1 = the seed's defaults). */
export const forecastConfigs = pgTable(
  'forecast_configs',
  {
    version: serial('version').primaryKey(),
    config: jsonb('config').$type<ForecastConfig>().notNull(),
    active: boolean('active').notNull().default(false),
    created_by: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex('forecast_configs_one_active').on(t.active).where(sql`active`)],
);

/** Stored forecasts (`"persist": true`), each naming the configuration version that produced it. */
export const leadForecasts = pgTable(
  'lead_forecasts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    probability: doublePrecision('probability').notNull(),
    eta_days: integer('eta_days'),
    confidence: doublePrecision('confidence').notNull(),
    drivers: jsonb('drivers').$type<string[]>().notNull(),
    risks: jsonb('risks').$type<string[]>().notNull(),
    config_version: integer('config_version')
      .notNull()
      .references(() => forecastConfigs.version),
    created_at: createdAt(),
  },
  (t) => [
    index('lead_forecasts_person_time_idx').on(t.person_id, t.created_at.desc().nullsFirst()),
    check('lead_forecasts_probability_range', sql`probability >= 0 and probability <= 1`),
  ],
);

/**
 * Blockers raised as alerts (seed phase 1.3): at most one unresolved alert per person and type, escalating from
 * level 1 to 3, and routed to the owner's manager when a level-3 alert stays unacknowledged past the SLA.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    type: text('type').$type<BlockerType>().notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    level: smallint('level').notNull(),
    status: text('status').$type<AlertStatus>().notNull().default('open'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    action_required: text('action_required').notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    owner_id: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    escalated_to: uuid('escalated_to').references(() => users.id, { onDelete: 'set null' }),
    escalated_at: tstz('escalated_at'),
    created_at: createdAt(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
    acknowledged_at: tstz('acknowledged_at'),
    acknowledged_by: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    resolved_at: tstz('resolved_at'),
    resolved_by: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    /** null while unresolved; "manual" when a person resolved it, "condition_cleared" when the blocker went away. */
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('alerts_one_unresolved_per_type').on(t.person_id, t.type).where(sql`status <> 'resolved'`),
    index('alerts_owner_status_idx').on(t.owner_id, t.status, t.level),
    index('alerts_status_level_idx').on(t.status, t.level, t.created_at),
    check('alerts_type_check', oneOf(sql`type`, BLOCKER_TYPES)),
    check('alerts_severity_check', oneOf(sql`severity`, SEVERITIES)),
    check('alerts_status_check', oneOf(sql`status`, ALERT_STATUSES)),
    check('alerts_level_check', sql`level between 1 and 3`),
    check('alerts_resolution_check', sql`resolution is null or resolution in ('manual', 'condition_cleared')`),
  ],
);

/**
 * A request to train a conversion model (seed phase 4.2) and its progress; the worker updates it as it goes. A job
 * a server stopped in the middle of is marked failed at the next start.
 */
export const mlTrainingJobs = pgTable(
  'ml_training_jobs',
  {
    id: id(),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    /** 0–1. */
    progress: doublePrecision('progress').notNull().default(0),
    message: text('message'),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    requested_by: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    created_at: createdAt(),
    started_at: tstz('started_at'),
    /** Written by the worker while it trains; a running job whose heartbeat stopped was interrupted. */
    heartbeat_at: tstz('heartbeat_at'),
    finished_at: tstz('finished_at'),
    error: text('error'),
    /** The trained model's metrics and importances, kept even when the model itself was not saved. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    model_id: uuid('model_id'),
  },
  (t) => [
    check('ml_training_jobs_status_check', oneOf(sql`status`, JOB_STATUSES)),
    check('ml_training_jobs_progress_range', sql`progress >= 0 and progress <= 1`),
    index('ml_training_jobs_created_idx').on(t.created_at.desc()),
  ],
);

/**
 * The model registry: every trained model with what it was trained on, how well it did, and the estimator itself
 * (its JSON), so any prediction can name and reproduce the model behind it. At most one is active.
 */
export const mlModels = pgTable(
  'ml_models',
  {
    id: id(),
    algorithm: text('algorithm').$type<ModelType>().notNull(),
    hyper_parameters: jsonb('hyper_parameters').$type<Record<string, unknown>>().notNull(),
    input_features: jsonb('input_features').$type<string[]>().notNull(),
    training_window_start: tstz('training_window_start').notNull(),
    training_window_end: tstz('training_window_end').notNull(),
    horizon_days: integer('horizon_days').notNull(),
    row_count: integer('row_count').notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    feature_importance: jsonb('feature_importance').$type<{ feature: string; importance: number }[]>().notNull(),
    artifact: jsonb('artifact').$type<unknown>().notNull(),
    trained_by: uuid('trained_by').references(() => users.id, { onDelete: 'set null' }),
    training_job_id: uuid('training_job_id').references(() => mlTrainingJobs.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(false),
    created_at: createdAt(),
    activated_at: tstz('activated_at'),
  },
  (t) => [
    check('ml_models_algorithm_check', oneOf(sql`algorithm`, MODEL_TYPES)),
    uniqueIndex('ml_models_one_active').on(t.active).where(sql`active`),
    index('ml_models_created_idx').on(t.created_at.desc()),
  ],
);

/**
 * Conversion forecasts the model made for stored leads, each naming the model behind it, so a number shown to staff
 * can always be traced to the model (and training data) that produced it.
 */
export const mlPredictions = pgTable(
  'ml_predictions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    model_id: uuid('model_id')
      .notNull()
      .references(() => mlModels.id),
    horizon_days: integer('horizon_days').notNull(),
    probability: doublePrecision('probability').notNull(),
    lower: doublePrecision('lower').notNull(),
    upper: doublePrecision('upper').notNull(),
    eta_days: integer('eta_days'),
    requested_by: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    created_at: createdAt(),
  },
  (t) => [
    index('ml_predictions_person_time_idx').on(t.person_id, t.created_at.desc().nullsFirst()),
    index('ml_predictions_model_idx').on(t.model_id),
    check('ml_predictions_probability_range', sql`probability >= 0 and probability <= 1`),
  ],
);

/**
 * What the import mappings declared about each key of people.attributes: whether a conversion model may use it as
 * a feature, or must not (it leaks the outcome, or identifies a record). A key no mapping declared is never a
 * feature, and a key declared as not a feature stays so (see @ivy/core's attribute-features).
 */
export const personAttributeKeys = pgTable(
  'person_attribute_keys',
  {
    key: text('key').primaryKey(),
    model_use: text('model_use').$type<AttributeModelUse>().notNull(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
  },
  () => [check('person_attribute_keys_model_use_check', oneOf(sql`model_use`, ATTRIBUTE_MODEL_USES))],
);

/**
 * Consent as given and withdrawn, append-only: each grant, refusal or withdrawal is a new row, so the history is the
 * table and a person's current consent of a type is its latest row (until it expires). The contact types are
 * mirrored onto people.consent_email / consent_sms / consent_phone in the same transaction.
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    person_id: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    consent_type: text('consent_type').$type<ConsentType>().notNull(),
    granted: boolean('granted').notNull(),
    purpose: text('purpose').notNull(),
    data_categories: jsonb('data_categories').$type<DataCategory[]>().notNull().default([]),
    source: text('source').$type<ConsentSource>().notNull(),
    recorded_by: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recorded_at: tstz('recorded_at').notNull().defaultNow(),
    expires_at: tstz('expires_at'),
  },
  (t) => [
    index('consent_records_person_type_time_idx').on(t.person_id, t.consent_type, t.recorded_at.desc().nullsFirst()),
    index('consent_records_expiry_idx').on(t.expires_at),
    check('consent_records_type_check', oneOf(sql`consent_type`, CONSENT_TYPES)),
    check('consent_records_source_check', oneOf(sql`source`, CONSENT_SOURCES)),
  ],
);

/**
 * Data-subject requests carried out: exports and erasures (by request or at the end of retention). An erasure's row
 * names the anonymised person record and what was removed, never who they were.
 */
export const gdprRequests = pgTable(
  'gdpr_requests',
  {
    id: id(),
    kind: text('kind').$type<GdprRequestKind>().notNull(),
    person_id: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    ground: text('ground').$type<ErasureGround>(),
    reason: text('reason'),
    requested_by: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    created_at: createdAt(),
    /** Rows removed or anonymised per table, for an erasure. */
    summary: jsonb('summary').$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [
    index('gdpr_requests_kind_time_idx').on(t.kind, t.created_at.desc().nullsFirst()),
    check('gdpr_requests_kind_check', oneOf(sql`kind`, GDPR_REQUEST_KINDS)),
    check('gdpr_requests_ground_check', sql`ground is null or ${oneOf(sql`ground`, ERASURE_GROUNDS)}`),
  ],
);

/**
 * Every language-model call the gateway made or declined: what was sent, as redacted, and how it went. The raw
 * prompt and answer are kept only while an admin has IVY_LLM_LOG_RAW_PROMPTS on, and each such row is audited.
 */
export const llmCalls = pgTable(
  'llm_calls',
  {
    id: id(),
    purpose: text('purpose').notNull(),
    model: text('model').notNull(),
    /** Null when nothing was sent (consent refused, circuit open). */
    redacted_system: text('redacted_system'),
    redacted_prompt: text('redacted_prompt'),
    redacted_response: text('redacted_response'),
    raw_prompt: text('raw_prompt'),
    raw_response: text('raw_response'),
    latency_ms: integer('latency_ms'),
    outcome: text('outcome').$type<LlmCallOutcome>().notNull(),
    reason: text('reason').$type<LlmFallbackReason>(),
    /** Personal data found and replaced before sending, by type (`{"name": 1, "email": 1}`). */
    pii_found: jsonb('pii_found').$type<Record<string, number>>().notNull().default({}),
    created_at: createdAt(),
  },
  (t) => [
    index('llm_calls_created_idx').on(t.created_at.desc()),
    check('llm_calls_outcome_check', oneOf(sql`outcome`, LLM_CALL_OUTCOMES)),
    check('llm_calls_reason_check', sql`reason is null or ${oneOf(sql`reason`, LLM_FALLBACK_REASONS)}`),
  ],
);
