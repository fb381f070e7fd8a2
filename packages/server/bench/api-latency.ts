import { type Database, queryRows } from '@ivy/db';
import { sql } from 'drizzle-orm';
import { type BenchApp, latencyRow, measure } from './bench-targets';

const WARM_UP_REQUESTS = 20;

const LIST_VARIANTS = [
  'stage=applicant&sort=-last_activity_at',
  'stage=enquirer&sort=-created_at',
  'source=event,referral&sort=name',
  'stage=offer,accepted&sort=-created_at',
  'source=paid_social&sort=-last_activity_at',
];

/** The leads list (filtered and sorted) and one person, each after its warm-up requests. */
export async function benchApiLatency(database: Database, app: BenchApp, requests: number) {
  const ids = (
    await queryRows<{ id: string }>(database.db, sql`select id from people order by md5(id::text) limit ${requests}`)
  ).map((row) => row.id);
  const list = Array.from({ length: requests }, (_, i) => ({
    path: `/people/leads?limit=50&${LIST_VARIANTS[i % LIST_VARIANTS.length]}`,
  }));
  const person = Array.from({ length: requests }, (_, i) => ({ path: `/people/${ids[i % ids.length]}` }));
  await measure(app, [...list.slice(0, WARM_UP_REQUESTS), ...person.slice(0, WARM_UP_REQUESTS)]);
  console.log(latencyRow('GET /people/leads?limit=50 (filter + sort)', await measure(app, list)));
  console.log(latencyRow('GET /people/:id', await measure(app, person)));
}
