import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApiToken,
  createScratchPostgresDatabase,
  createUser,
  type Database,
  openDatabase,
  type SeedSummary,
  seedDemoData,
} from '@ivy/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app';
import { hashPassword, hashSecretToken, newSecretToken } from '../src/auth/secrets';
import { loadConfig } from '../src/config';
import { createJobRunner } from '../src/jobs/job-runner';
import { seedAnchorDate } from '../src/start-ivy';

export type Target = { label: string; open(): Promise<{ database: Database; dispose(): Promise<void> }> };

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function pgliteTarget(): Target {
  return {
    label: 'PGlite (embedded, on disk)',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'ivy-bench-'));
      const database = await openDatabase({ dataDir: dir });
      return {
        database,
        async dispose() {
          await database.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresTarget(adminUrl: string): Target {
  return {
    label: 'PostgreSQL',
    async open() {
      const scratch = await createScratchPostgresDatabase(adminUrl, 'ivy_bench');
      const database = await openDatabase({ url: scratch.url, poolSize: 10 });
      return {
        database,
        async dispose() {
          await database.close();
          await scratch.drop();
        },
      };
    },
  };
}

/** PGlite always; PostgreSQL (BENCH_DATABASE_URL or the local default) when it answers. */
export async function benchTargets(): Promise<Target[]> {
  const targets: Target[] = [pgliteTarget()];
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  if (await postgresReachable(postgresUrl)) targets.push(postgresTarget(postgresUrl));
  else console.log(`PostgreSQL not reachable at ${postgresUrl}: benchmarking PGlite only.`);
  return targets;
}

/** Migrates and seeds the demo data; returns the seeder's summary and how long seeding took. */
export async function seedBenchDatabase(
  database: Database,
  people: number,
): Promise<{ summary: SeedSummary; seedSeconds: number }> {
  await database.migrate();
  const started = performance.now();
  const summary = await seedDemoData(database.db, {
    people,
    seed: 7,
    asOf: seedAnchorDate(new Date()),
    onProgress: () => {},
  });
  const seedSeconds = (performance.now() - started) / 1000;
  // The state autovacuum keeps a live database in: statistics fresh, visibility map set for index-only scans.
  if (database.kind === 'postgres') await database.db.execute(sql`vacuum analyze`);
  return { summary, seedSeconds };
}

export type BenchApp = { baseUrl: string; token: string; close(): Promise<void> };

/**
 * The app listening on a free port, with a bearer token of an admin created for the benchmark: the API is signed-in
 * only, and a token is how API clients (and the seed's callers) authenticate.
 */
export async function serveBenchApp(database: Database): Promise<BenchApp> {
  const at = new Date();
  const audit = { actor: { id: null, label: 'ivy bench' }, at };
  const userId = await createUser(
    database.db,
    {
      email: 'bench-admin@bench.ivy',
      full_name: 'Bench Admin',
      role: 'admin',
      password_hash: await hashPassword(newSecretToken('token')),
    },
    audit,
  );
  const token = newSecretToken('token');
  await createApiToken(
    database.db,
    { userId, name: 'ivy bench', tokenHash: hashSecretToken(token), expiresAt: null },
    audit,
  );
  const config = loadConfig({});
  // The queue's workers are not started: scheduled refreshes would run during the measurements.
  const app = await buildApp({ database, config, jobs: createJobRunner({ database, config }).queue });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl, token, close: () => app.close() };
}

export type BenchRequest = { path: string; body?: string };

/** Sequential requests over real HTTP (GET, or POST with a JSON body); returns latencies in milliseconds, sorted. */
export async function measure(app: BenchApp, requests: readonly BenchRequest[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const { path, body } of requests) {
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${app.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

const NAME_WIDTH = 64;

/** One line of a results table: p50 and p99 of sorted latencies. */
export function latencyRow(name: string, latencies: number[]): string {
  const p50 = percentile(latencies, 50).toFixed(1).padStart(7);
  const p99 = percentile(latencies, 99).toFixed(1).padStart(7);
  return `  ${name.padEnd(NAME_WIDTH)} p50 ${p50} ms   p99 ${p99} ms`;
}

/** One line of a results table: a count of items over a duration, as seconds and items per second. */
export function throughputRow(name: string, items: number, seconds: number, unit: string): string {
  const rate = Math.round(items / seconds).toLocaleString('en-GB');
  return `  ${name.padEnd(NAME_WIDTH)} ${seconds.toFixed(3).padStart(8)} s   ${rate.padStart(11)} ${unit}/s`;
}
