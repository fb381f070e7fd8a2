import { base, en, en_GB, Faker } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { seedConsentRecords } from '../consent/seed-consent-records';
import { queryRows } from '../query-rows';
import { BULK_TABLES, suspendIndexesAndForeignKeys } from './bulk-load';
import { cycleDates, demoIntakeYears } from './calendar';
import { buildCatalogue } from './demo-catalogue';
import { type GeneratedBatch, PeopleGenerator } from './generate-people';
import {
  campusesTable,
  coursesTable,
  departmentsTable,
  insertBatch,
  insertRows,
  sourceCostsTable,
  teamsTable,
  usersTable,
} from './insert-batches';
import { Rng, streamSeed } from './rng';
import { buildSourceCosts } from './source-costs';

export type SeedOptions = {
  people: number;
  seed: number;
  /** The data's "now": nothing happens after it. The CLI passes today's UTC midnight. */
  asOf: Date;
  onProgress?: (message: string) => void;
};

export type SeedSummary = {
  campuses: number;
  departments: number;
  teams: number;
  users: number;
  courses: number;
  people: number;
  applications: number;
  engagementEvents: number;
  activities: number;
  sourceCosts: number;
  seconds: number;
};

/** People generated between two pauses for I/O, so inserting one chunk overlaps generating the next. */
const SLICE = 1_000;
/** People per inserted chunk; at most two chunks are held in memory. */
const CHUNK = 10_000;
const PROGRESS_INTERVAL_MS = 2_000;

const STREAMS = { catalogue: 1, people: 2, costs: 3, staffNames: 4 } as const;

/** True when the database holds no people and no courses, i.e. it is safe to seed. */
export async function isDatabaseEmpty(db: Tx): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(
    db,
    sql`select not exists (select 1 from people) and not exists (select 1 from courses) as empty`,
  );
  return row?.empty ?? false;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function emptyBatch(): GeneratedBatch {
  return { people: [], applications: [], history: [], events: [], activities: [] };
}

function append(target: GeneratedBatch, source: GeneratedBatch): void {
  for (const key of Object.keys(target) as (keyof GeneratedBatch)[]) {
    const into = target[key] as unknown[];
    for (const row of source[key]) into.push(row);
  }
}

/**
 * Seeds a realistic, deterministic admissions dataset: the same `seed` and `asOf` give the same rows, identifiers
 * included. Runs in one transaction and refuses a database that already has people or courses; inside it, the bulk
 * tables' secondary indexes and foreign keys are dropped during the load and rebuilt (and re-checked) at the end.
 */
export async function seedDemoData(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { seed, onProgress } = options;
  const total = Math.max(0, Math.floor(options.people));
  const asOf = options.asOf.getTime();
  if (!Number.isFinite(asOf)) throw new Error('asOf must be a valid date');
  const elapsed = () => (performance.now() - started) / 1000;

  const intakes = demoIntakeYears(options.asOf).map(cycleDates);
  const staffNames = new Faker({ locale: [en_GB, en, base] });
  staffNames.seed(streamSeed(seed, STREAMS.staffNames));
  const catalogue = buildCatalogue(new Rng(streamSeed(seed, STREAMS.catalogue)), staffNames, intakes);
  const generator = new PeopleGenerator(new Rng(streamSeed(seed, STREAMS.people)), catalogue, seed, asOf);

  const summary = await db.transaction(async (tx): Promise<SeedSummary> => {
    if (!(await isDatabaseEmpty(tx))) {
      throw new Error('Refusing to seed demo data: the database already has people or courses');
    }
    await insertRows(tx, campusesTable, catalogue.campuses);
    await insertRows(tx, departmentsTable, catalogue.departments);
    await insertRows(tx, teamsTable, catalogue.teams);
    await insertRows(tx, usersTable, catalogue.users);
    await insertRows(tx, coursesTable, catalogue.courses);
    onProgress?.(
      `Catalogue: ${catalogue.campuses.length} campuses, ${catalogue.departments.length} departments, ` +
        `${catalogue.users.length} staff, ${catalogue.courses.length} courses over intakes ${intakes.map((i) => i.intakeYear).join(', ')}`,
    );

    const restoreIndexes = await suspendIndexesAndForeignKeys(tx, BULK_TABLES);
    const counts = { people: 0, applications: 0, events: 0, activities: 0 };
    let pending: Promise<void> | null = null;
    let lastReport = performance.now();
    while (counts.people < total) {
      // Generate the next chunk in slices, pausing between them so the previous chunk's inserts keep flowing.
      const chunk = emptyBatch();
      const size = Math.min(CHUNK, total - counts.people);
      for (let done = 0; done < size; done += SLICE) {
        append(chunk, generator.generate(Math.min(SLICE, size - done)));
        await yieldToEventLoop();
      }
      if (pending) await pending;
      pending = insertBatch(tx, chunk);
      // Rejections surface at the next await; this only stops Node reporting them as unhandled meanwhile.
      pending.catch(() => {});
      counts.people += chunk.people.length;
      counts.applications += chunk.applications.length;
      counts.events += chunk.events.length;
      counts.activities += chunk.activities.length;
      if (onProgress && (performance.now() - lastReport > PROGRESS_INTERVAL_MS || counts.people === total)) {
        lastReport = performance.now();
        onProgress(
          `People ${counts.people.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} ` +
            `(${counts.events.toLocaleString('en-GB')} events) — ${elapsed().toFixed(1)}s`,
        );
      }
    }
    if (pending) await pending;
    const consentRecords = await seedConsentRecords(tx, options.asOf);
    onProgress?.(`Consent history: ${consentRecords.toLocaleString('en-GB')} records — ${elapsed().toFixed(1)}s`);
    onProgress?.(`Rebuilding indexes and checking foreign keys — ${elapsed().toFixed(1)}s`);
    await restoreIndexes();

    const earliest = intakes[0]?.enquiryWindowStart ?? asOf;
    const costs = buildSourceCosts(new Rng(streamSeed(seed, STREAMS.costs)), generator.tally, earliest, asOf, total);
    await insertRows(tx, sourceCostsTable, costs);
    onProgress?.(`Source costs: ${costs.length} source-months; analysing tables`);
    await tx.execute(
      sql`analyze people, consent_records, applications, application_status_history, engagement_events, activities, source_costs`,
    );

    return {
      campuses: catalogue.campuses.length,
      departments: catalogue.departments.length,
      teams: catalogue.teams.length,
      users: catalogue.users.length,
      courses: catalogue.courses.length,
      people: counts.people,
      applications: counts.applications,
      engagementEvents: counts.events,
      activities: counts.activities,
      sourceCosts: costs.length,
      seconds: 0,
    };
  });
  summary.seconds = Math.round(elapsed() * 10) / 10;
  onProgress?.(`Seeded ${summary.people.toLocaleString('en-GB')} people in ${summary.seconds}s`);
  return summary;
}
