/** Every background job Ivy runs, by queue name. */
export const JOBS = {
  /** Rescore everyone, sweep alerts, escalate past the SLA. */
  triageRefresh: 'triage-refresh',
  /** Refit the scoring weights on enrolment outcomes (adopted only if held-out AUC is not worse). */
  weightsOptimise: 'triage-weights-optimise',
  /** Train a conversion model for a queued training job (data: { job_id }). */
  mlTrain: 'ml-train',
  /** Fail training jobs whose worker stopped reporting (their server died). */
  mlWatchdog: 'ml-training-watchdog',
  /** Erase the people whose retention period has ended. */
  gdprRetention: 'gdpr-retention',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** What routes may do with jobs: ask for one to run. Queued once: asking again while one waits adds nothing. */
export type JobQueue = { send(name: JobName, data?: Record<string, unknown>): Promise<string | null> };
