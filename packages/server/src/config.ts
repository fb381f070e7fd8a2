import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * Every setting Ivy reads from its environment, validated once at boot. `.env.example` documents each one; keep
 * the two in step.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IVY_DATA_DIR: z.string().min(1).default('./.ivy-data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  IVY_AUTO_SEED: booleanFlag.default(true),
  IVY_SEED_PEOPLE: z.coerce.number().int().min(0).max(10_000_000).default(5000),
  IVY_SEED: z.coerce.number().int().default(42),
  IVY_WEB_DIST: z.string().optional(),
  /** development (the default) is demo mode: demo users are created. production: none, and cookies are Secure. */
  IVY_ENV: z.enum(['development', 'production']).default('development'),
  IVY_DEMO_PASSWORD: z.string().min(1).default('ivy-demo'),
  IVY_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Hours an urgent (level-3) alert may stay unacknowledged before it goes to the owner's manager. */
  IVY_ALERT_SLA_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** Train a first conversion model in the background when the database has none (and none is training). */
  IVY_AUTO_TRAIN: booleanFlag.default(true),
  /** When scores, alerts and escalations are refreshed (cron, Europe/London); also after start-up. */
  IVY_TRIAGE_REFRESH_CRON: z.string().trim().min(9).default('15 * * * *'),
  /** When the scoring weights are refitted on outcomes (cron, Europe/London): weekly, Monday 03:00. */
  IVY_WEIGHTS_OPTIMISE_CRON: z.string().trim().min(9).default('0 3 * * 1'),
  /** Days a person's record is kept after their last activity or decision; then it is erased (7 years). */
  IVY_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365 * 100)
    .default(2555),
  /** When records past retention are erased (cron, Europe/London): daily at 02:30. */
  IVY_RETENTION_CRON: z.string().trim().min(9).default('30 2 * * *'),
  /**
   * Key of the keyed hash (HMAC-SHA256) behind the `hashed` redaction level, so the same value gets the same tag across
   * restarts; without it, a random key lasts as long as the process. A bare hash would not do: e-mails can be guessed.
   */
  IVY_PII_HMAC_KEY: z.string().min(32).optional(),
  /**
   * Seconds without a heartbeat after which a running training job on a PostgreSQL server counts as interrupted
   * (its server stopped). The embedded database has one process, so its running jobs fail as soon as it restarts.
   */
  IVY_TRAINING_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /** Gemini's API key: with it (and no IVY_LLM_BASE_URL), explanations are phrased by Gemini. */
  GOOGLE_GENERATIVE_AI_API_KEY: z.string().trim().min(1).optional(),
  /** An OpenAI-compatible endpoint (a local Ollama: http://127.0.0.1:11434/v1); chosen over Gemini when set. */
  IVY_LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  IVY_LLM_API_KEY: z.string().trim().min(1).optional(),
  /** The model to call; Gemini defaults to gemini-2.5-flash, an OpenAI-compatible endpoint needs one named. */
  IVY_LLM_MODEL: z.string().trim().min(1).optional(),
  /** A model call taking longer is abandoned and the caller's deterministic answer used. */
  IVY_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  /** Also store raw (unredacted) prompts and answers in llm_calls, each call audited. Off unless an admin needs it. */
  IVY_LLM_LOG_RAW_PROMPTS: booleanFlag.default(false),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

/** The database URL with its password replaced, for logs. */
export function maskDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
