import {
  type Database,
  erasePeoplePastRetention,
  failInterruptedTrainingJobs,
  optimiseScoringWeights,
  refreshTriage,
} from '@ivy/db';
import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Config } from '../config';
import { rootCause } from '../http/root-cause';
import { runTrainingJob } from '../ml/training-job';
import { JOBS, type JobName, type JobQueue } from './job-names';

export type JobRunner = {
  /** Usable as soon as the runner exists; jobs sent before `start` wait in the database. */
  queue: JobQueue;
  /** Creates the queues, starts the workers and the schedules. */
  start(log: JobLog): Promise<void>;
  /** Resolves with the job's final state once it has completed, failed or been cancelled. */
  settled(name: JobName, id: string): Promise<'completed' | 'failed' | 'cancelled'>;
  stop(): Promise<void>;
};

export type JobLog = Pick<FastifyBaseLogger, 'info' | 'error'>;

type RunnerOptions = {
  database: Database;
  config: Pick<
    Config,
    | 'IVY_ALERT_SLA_HOURS'
    | 'IVY_TRIAGE_REFRESH_CRON'
    | 'IVY_WEIGHTS_OPTIMISE_CRON'
    | 'IVY_TRAINING_HEARTBEAT_TIMEOUT_SECONDS'
    | 'IVY_RETENTION_DAYS'
    | 'IVY_RETENTION_CRON'
  >;
  now?: () => Date;
};

const SETTLED_STATES = new Set(['completed', 'failed', 'cancelled']);
/** Cron expressions are read in the admissions office's time zone, so "Monday 03:00" means what it says. */
const SCHEDULE_TIME_ZONE = 'Europe/London';

/**
 * Jobs persisted in PostgreSQL (pg-boss): on PGlite through the database's raw SQL, on a server through the same
 * pool. Every server instance runs workers; pg-boss hands each job to one of them, and the schedules fire once.
 * Both queues are "stately": one job waiting and one running at most, so repeated requests coalesce.
 */
export function createJobRunner({ database, config, now = () => new Date() }: RunnerOptions): JobRunner {
  const boss = new PgBoss({ db: database, schema: 'pgboss', monitorStateIntervalSeconds: 60 });
  const audit = (label: string) => ({ actor: { id: null, label }, at: now() });
  const heartbeatTimeoutMs = config.IVY_TRAINING_HEARTBEAT_TIMEOUT_SECONDS * 1000;
  let started: Promise<void> | undefined;

  async function start(log: JobLog) {
    boss.on('error', (error) => log.error({ err: rootCause(error) }, 'job queue error'));
    await boss.start();
    for (const name of [JOBS.triageRefresh, JOBS.weightsOptimise, JOBS.mlWatchdog, JOBS.gdprRetention]) {
      await boss.createQueue(name, { name, policy: 'stately', retryLimit: 1 });
    }
    // Training is not retried by itself (a failed job says why; people start another), and may run for long.
    await boss.createQueue(JOBS.mlTrain, { name: JOBS.mlTrain, retryLimit: 0, expireInSeconds: 4 * 3600 });
    // Only this process opens the embedded database: whatever it was training before it stopped, it no longer is.
    await failInterruptedTrainingJobs(database.db, now(), {
      staleAfterMs: database.kind === 'pglite' ? 0 : heartbeatTimeoutMs,
    });
    await boss.work(JOBS.triageRefresh, async () => {
      const report = await refreshTriage(database.db, {
        now: now(),
        audit: audit('triage refresh job'),
        slaHours: config.IVY_ALERT_SLA_HOURS,
      });
      log.info(report, 'triage refreshed');
      return report;
    });
    await boss.work(JOBS.weightsOptimise, async () => {
      const report = await optimiseScoringWeights(database.db, { now: now(), audit: audit('weights optimiser job') });
      log.info(report, 'scoring weights optimised');
      if (report.decision === 'adopted') await boss.send(JOBS.triageRefresh, {});
      return report;
    });
    await boss.work<{ job_id: string }>(JOBS.mlTrain, async ([job]) => {
      if (job) await runTrainingJob(database, job.data.job_id, now);
    });
    await boss.work(JOBS.mlWatchdog, async () => {
      const failed = await failInterruptedTrainingJobs(database.db, now(), { staleAfterMs: heartbeatTimeoutMs });
      if (failed > 0) log.info({ failed }, 'training jobs interrupted by a stopped server marked failed');
    });
    await boss.work(JOBS.gdprRetention, async () => {
      const report = await erasePeoplePastRetention(database.db, {
        retentionDays: config.IVY_RETENTION_DAYS,
        now: now(),
        actor: { id: null, label: 'retention job' },
      });
      log.info(report, 'records past retention erased');
      return report;
    });
    await boss.schedule(JOBS.mlWatchdog, '*/5 * * * *', {}, { tz: SCHEDULE_TIME_ZONE });
    await boss.schedule(JOBS.gdprRetention, config.IVY_RETENTION_CRON, {}, { tz: SCHEDULE_TIME_ZONE });
    await boss.schedule(JOBS.triageRefresh, config.IVY_TRIAGE_REFRESH_CRON, {}, { tz: SCHEDULE_TIME_ZONE });
    await boss.schedule(JOBS.weightsOptimise, config.IVY_WEIGHTS_OPTIMISE_CRON, {}, { tz: SCHEDULE_TIME_ZONE });
  }

  return {
    queue: { send: (name, data = {}) => boss.send(name, data) },
    start(log) {
      started ??= start(log);
      return started;
    },
    async settled(name, id) {
      for (;;) {
        const job = await boss.getJobById(name, id, { includeArchive: true });
        if (job && SETTLED_STATES.has(job.state)) return job.state as 'completed' | 'failed' | 'cancelled';
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 30_000, close: false });
    },
  };
}
