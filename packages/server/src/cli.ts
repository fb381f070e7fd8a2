import { createReadStream, existsSync, readFileSync } from 'node:fs';
import {
  CsvFormatError,
  createUser,
  type Database,
  importPeopleCsv,
  isDatabaseEmpty,
  openDatabase,
  peopleImportMappingSchema,
  seedDemoData,
} from '@ivy/db';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { BenchPart } from '../bench/run-bench';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/secrets';
import { type Config, loadConfig } from './config';
import { rootCause } from './http/root-cause';
import { seedAnchorDate, startIvy } from './start-ivy';
import { IVY_VERSION } from './version';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('Expected a whole number.');
  return number;
}

function isoDay(value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('Expected a date as YYYY-MM-DD.');
  }
  return date;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
      : { dataDir: config.IVY_DATA_DIR },
  );
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

// Settings in ./.env apply unless the environment already sets them (see .env.example).
if (existsSync('.env')) process.loadEnvFile('.env');

const program = new Command('ivy').description('Ivy admissions CRM').version(IVY_VERSION);

program
  .command('serve')
  .description('Migrate, seed demo data into an empty database, and serve the API and web app')
  .action(async () => {
    const config = loadConfig();
    const ivy = await startIvy({
      port: config.PORT,
      host: config.HOST,
      ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.IVY_DATA_DIR }),
    });
    ivy.app.log.info(`Ivy is serving on ${ivy.url} (API docs at ${ivy.url}/docs)`);
    const stop = async () => {
      await ivy.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    await withDatabase(loadConfig(), async () => {
      console.log('Migrations applied.');
    });
  });

program
  .command('seed')
  .description('Fill an empty database with deterministic demo data')
  .option('--people <n>', 'number of people', positiveInteger)
  .option('--seed <s>', 'random seed (same seed and date give the same data)', positiveInteger)
  .option('--as-of <date>', 'the day the data is anchored to (YYYY-MM-DD, default today)', isoDay)
  .action(async (options: { people?: number; seed?: number; asOf?: Date }) => {
    const config = loadConfig();
    await withDatabase(config, async ({ db }) => {
      if (!(await isDatabaseEmpty(db))) {
        console.error('The database already holds people or courses; seeding only runs on an empty database.');
        process.exitCode = 1;
        return;
      }
      const summary = await seedDemoData(db, {
        people: options.people ?? config.IVY_SEED_PEOPLE,
        seed: options.seed ?? config.IVY_SEED,
        asOf: options.asOf ?? seedAnchorDate(new Date()),
        onProgress: (message) => console.error(message),
      });
      console.log(JSON.stringify(summary));
    });
  });

const importCommand = program.command('import').description('Import data from files');
importCommand
  .command('people <file>')
  .description('Import people from a CSV file (all-or-nothing; rejected rows are reported)')
  .option('--mapping <file>', 'JSON mapping of CSV columns onto Ivy fields (default: columns named as Ivy fields)')
  .option('--on-invalid <mode>', 'skip invalid rows and import the rest, or abort the whole import', 'skip')
  .option('--dry-run', 'validate and report without writing anything', false)
  .action(async (file: string, options: { mapping?: string; onInvalid: string; dryRun: boolean }) => {
    if (options.onInvalid !== 'skip' && options.onInvalid !== 'abort') {
      throw new InvalidArgumentError('--on-invalid must be skip or abort');
    }
    const mapping = options.mapping
      ? peopleImportMappingSchema.parse(JSON.parse(readFileSync(options.mapping, 'utf8')))
      : undefined;
    await withDatabase(loadConfig(), async ({ db }) => {
      try {
        const report = await importPeopleCsv(db, createReadStream(file), {
          mapping,
          now: new Date(),
          onInvalidRow: options.onInvalid as 'skip' | 'abort',
          dryRun: options.dryRun,
        });
        console.log(JSON.stringify(report, null, 2));
        if (report.rejected > 0) process.exitCode = 2;
      } catch (error) {
        if (!(error instanceof CsvFormatError)) throw error;
        console.error(`The file is not valid CSV at row ${error.row}: ${error.message}. Nothing was imported.`);
        process.exitCode = 1;
      }
    });
  });

const usersCommand = program.command('users').description('Manage users');
usersCommand
  .command('create-admin')
  .description('Create an admin who can sign in (the way to the first user in production); password from stdin')
  .requiredOption('--email <email>', 'their e-mail, used to sign in')
  .requiredOption('--name <name>', 'their full name')
  .option('--super', 'create a super admin instead of an admin', false)
  .action(async (options: { email: string; name: string; super: boolean }) => {
    const password = (await readStdin()).replace(/\r?\n$/, '');
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new InvalidArgumentError(`Pipe a password of at least ${MIN_PASSWORD_LENGTH} characters on stdin.`);
    }
    await withDatabase(loadConfig(), async ({ db }) => {
      await createUser(
        db,
        {
          email: options.email,
          full_name: options.name,
          role: options.super ? 'super_admin' : 'admin',
          password_hash: await hashPassword(password),
        },
        { actor: { id: null, label: 'command line: ivy users create-admin' }, at: new Date() },
      );
      console.log(`Created ${options.super ? 'super admin' : 'admin'} ${options.email}.`);
    });
  });

/** What `ivy bench --only` can pick; without it, everything runs. */
const BENCH_PARTS: readonly BenchPart[] = ['api', 'triage', 'ml'];

program
  .command('bench')
  .description(
    'Measure API latency and triage (scoring core, triage requests, rescoring) on 100k people, on PGlite and PostgreSQL when reachable (BENCH_DATABASE_URL)',
  )
  .option('--people <n>', 'people to seed for the benchmark', positiveInteger, 100_000)
  .option('--requests <n>', 'requests per endpoint', positiveInteger, 500)
  .option('--leads <n>', 'leads the in-process scoring core benchmark scores', positiveInteger, 1_000_000)
  .addOption(new Option('--only <part>', 'run only this part').choices(BENCH_PARTS))
  .action(async (options: { people: number; requests: number; leads: number; only?: BenchPart }) => {
    const { runBenchmarks } = await import('../bench/run-bench');
    await runBenchmarks({ ...options, parts: options.only ? [options.only] : BENCH_PARTS });
  });

program.parseAsync().catch((error: unknown) => {
  const cause = rootCause(error);
  console.error(cause instanceof Error ? cause.message : String(cause));
  process.exit(1);
});
