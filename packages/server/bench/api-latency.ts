import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchPostgresDatabase, type Database, openDatabase, queryRows, seedDemoData } from '@ivy/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { seedAnchorDate } from '../src/start-ivy';

type BenchOptions = { people: number; requests: number };
type Target = { label: string; open(): Promise<{ database: Database; dispose(): Promise<void> }> };

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

function percentile(sorted: number[], p: number): number {
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

/** Sequential requests over real HTTP; returns latencies in milliseconds, sorted. */
async function measure(baseUrl: string, paths: string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

const LIST_VARIANTS = [
  'stage=applicant&sort=-last_activity_at',
  'stage=enquirer&sort=-created_at',
  'source=event,referral&sort=name',
  'stage=offer,accepted&sort=-created_at',
  'source=paid_social&sort=-last_activity_at',
];

async function benchTarget(target: Target, options: BenchOptions) {
  const { database, dispose } = await target.open();
  try {
    await database.migrate();
    const seedStarted = performance.now();
    const summary = await seedDemoData(database.db, {
      people: options.people,
      seed: 7,
      asOf: seedAnchorDate(new Date()),
      onProgress: () => {},
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // The state autovacuum keeps a live database in: statistics fresh, visibility map set for index-only scans.
    if (database.kind === 'postgres') await database.db.execute(sql`vacuum analyze`);
    const app = await buildApp({ database, config: loadConfig({}) });
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const ids = (
        await queryRows<{ id: string }>(
          database.db,
          sql`select id from people order by md5(id::text) limit ${options.requests}`,
        )
      ).map((row) => row.id);
      const listPaths = Array.from(
        { length: options.requests },
        (_, i) => `/people/leads?limit=50&${LIST_VARIANTS[i % LIST_VARIANTS.length]}`,
      );
      const personPaths = Array.from({ length: options.requests }, (_, i) => `/people/${ids[i % ids.length]}`);
      await measure(baseUrl, [...listPaths.slice(0, 20), ...personPaths.slice(0, 20)]);
      const list = await measure(baseUrl, listPaths);
      const person = await measure(baseUrl, personPaths);
      const row = (name: string, latencies: number[]) =>
        `  ${name.padEnd(58)} p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(latencies, 99).toFixed(1).padStart(7)} ms`;
      console.log(
        `\n${target.label}: ${summary.people.toLocaleString('en-GB')} people, ${summary.engagementEvents.toLocaleString('en-GB')} events (seeded in ${seedSeconds.toFixed(1)} s)`,
      );
      console.log(row('GET /people/leads?limit=50 (filter + sort)', list));
      console.log(row('GET /people/:id', person));
    } finally {
      await app.close();
    }
  } finally {
    await dispose();
  }
}

export async function runApiBenchmark(options: BenchOptions) {
  const targets: Target[] = [pgliteTarget()];
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  if (await postgresReachable(postgresUrl)) targets.push(postgresTarget(postgresUrl));
  else console.log(`PostgreSQL not reachable at ${postgresUrl}: benchmarking PGlite only.`);
  console.log(
    `API latency, ${options.requests} sequential requests per endpoint over HTTP, after 20 warm-up requests each.`,
  );
  for (const target of targets) await benchTarget(target, options);
}
