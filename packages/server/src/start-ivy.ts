import { type Database, ensureDemoUsers, isDatabaseEmpty, openDatabase, seedDemoData } from '@ivy/db';
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { hashPassword } from './auth/secrets';
import { type Config, loadConfig, maskDatabaseUrl } from './config';
import { rootCause } from './http/root-cause';
import type { IvyApp } from './http/types';
import { JOBS } from './jobs/job-names';
import { createJobRunner, type JobRunner } from './jobs/job-runner';
import { llmProviderFromConfig } from './llm/llm-provider';
import { queueFirstModel } from './ml/first-model';

export type StartOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** PGlite data directory; with neither this nor `databaseUrl`, the database lives in memory. */
  dataDir?: string;
  databaseUrl?: string;
  /** People to seed when the database is empty; 0 disables seeding. */
  seedPeople?: number;
  seed?: number;
  logLevel?: Config['LOG_LEVEL'];
  /** Settings not given above come from the environment. */
  env?: NodeJS.ProcessEnv;
};

export type RunningIvy = {
  url: string;
  app: IvyApp;
  database: Database;
  /**
   * Settles when the work queued at start-up (the triage refresh, the first model's training) has finished, however
   * it ended; never rejects.
   */
  startupWork: Promise<void>;
  close(): Promise<void>;
};

/** The day demo data is anchored to: today, at midnight UTC, so a restart on the same day seeds the same rows. */
export function seedAnchorDate(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function loggerOptions(level: Config['LOG_LEVEL']): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return process.stdout.isTTY
    ? { level, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
    : { level };
}

/** Opens (and migrates) the database, seeds demo data into an empty one, and serves the API and web app. */
export async function startIvy(options: StartOptions = {}): Promise<RunningIvy> {
  const config = loadConfig(options.env ?? process.env);
  const logLevel = options.logLevel ?? config.LOG_LEVEL;
  const database = await openDatabase(
    options.databaseUrl
      ? { url: options.databaseUrl, poolSize: config.DATABASE_POOL_SIZE }
      : { dataDir: options.dataDir },
  );
  let app: IvyApp | undefined;
  let jobs: JobRunner | undefined;
  try {
    await database.migrate();
    jobs = createJobRunner({ database, config });
    const llmProvider = llmProviderFromConfig(config);
    app = await buildApp({ database, config, jobs: jobs.queue, logger: loggerOptions(logLevel), llmProvider });
    if (llmProvider) {
      app.log.info(
        { provider: llmProvider.name, model: llmProvider.model, log_raw_prompts: config.IVY_LLM_LOG_RAW_PROMPTS },
        'language model configured: prompts are redacted before they are sent',
      );
    } else app.log.info('no language model configured: explanations are written by rules');
    app.log.info(
      {
        database: options.databaseUrl ? maskDatabaseUrl(options.databaseUrl) : (options.dataDir ?? 'in-memory PGlite'),
      },
      'database ready',
    );

    const seedPeople = options.seedPeople ?? (config.IVY_AUTO_SEED ? config.IVY_SEED_PEOPLE : 0);
    if (seedPeople > 0 && (await isDatabaseEmpty(database.db))) {
      app.log.info({ people: seedPeople }, 'empty database: seeding demo data');
      const summary = await seedDemoData(database.db, {
        people: seedPeople,
        seed: options.seed ?? config.IVY_SEED,
        asOf: seedAnchorDate(new Date()),
        onProgress: (message) => app?.log.info(message),
      });
      app.log.info(summary, 'demo data seeded');
    }
    if (config.IVY_ENV !== 'production') {
      const demoUsers = await ensureDemoUsers(database.db, await hashPassword(config.IVY_DEMO_PASSWORD));
      app.log.info(
        `Demo mode: sign in as ${demoUsers.map((user) => user.email).join(', ')} with the password "${config.IVY_DEMO_PASSWORD}" (IVY_DEMO_PASSWORD)`,
      );
    }

    await jobs.start(app.log);
    const address = await app.listen({ port: options.port ?? config.PORT, host: options.host ?? config.HOST });
    const running = app;
    const runner = jobs;
    // Scores and alerts are brought up to date after start-up, and a first model trained, while the app answers.
    const queued = [
      { name: JOBS.triageRefresh, id: await runner.queue.send(JOBS.triageRefresh) },
      {
        name: JOBS.mlTrain,
        id: config.IVY_AUTO_TRAIN ? await queueFirstModel(database, runner.queue, new Date()) : null,
      },
    ];
    const startupWork = Promise.all(
      queued.map(({ name, id }) =>
        id
          ? runner.settled(name, id).then(
              (state) => running.log.info({ job: name, state }, 'start-up job finished'),
              (error: unknown) => running.log.error({ job: name, err: rootCause(error) }, 'start-up job not tracked'),
            )
          : undefined,
      ),
    ).then(() => undefined);
    return {
      url: address,
      app: running,
      database,
      startupWork,
      async close() {
        await runner.stop();
        await running.close();
        await database.close();
      },
    };
  } catch (error) {
    await jobs?.stop();
    await app?.close();
    await database.close();
    throw error;
  }
}
