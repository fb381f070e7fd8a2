import { createReadStream, readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPerson } from '../people/write-person';
import { queryRows } from '../query-rows';
import { engagementEvents, people, personAttributeKeys } from '../schema';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import {
  CsvFormatError,
  type ImportReport,
  importPeopleCsv,
  type PeopleImportMapping,
  peopleImportMappingSchema,
} from './import-people';

const NOW = new Date('2025-03-01T12:00:00Z');
const XEDUCATION_CSV = new URL('../../../../data/xeducation-leads/leads.csv', import.meta.url);
const XEDUCATION_MAPPING = peopleImportMappingSchema.parse(
  JSON.parse(readFileSync(new URL('./mappings/xeducation-leads.json', import.meta.url), 'utf8')),
);

const MAPPING: PeopleImportMapping = {
  na: ['Select'],
  fields: {
    external_ref: { column: 'Id' },
    first_name: { column: 'First' },
    email: { column: 'Email' },
    phone: { column: 'Phone' },
    lifecycle_stage: { column: 'Outcome', values: { won: 'enrolled', gone: 'lost' } },
    lost_reason: { column: 'Outcome', values: { gone: 'not_converted' }, unmapped: 'empty' },
    source: {
      column: 'Source',
      values: { Google: 'organic_search', Friend: 'referral' },
      unmapped: 'default',
      default: 'unknown',
    },
    source_detail: { column: 'Source' },
    consent_email: { column: 'Do Not Email', transform: 'negate_boolean_yes_no' },
    campaign: { default: 'spring-fair' },
  },
  attributes: [
    { column: 'City', key: 'city' },
    { column: 'Visits', key: 'visits', transform: 'number' },
  ],
  engagement: [{ column: 'Visits', type: 'web_visit', durationColumn: 'Seconds' }],
  lastActivity: { column: 'Last', values: { 'Email Opened': 'email_open', 'SMS Sent': null } },
};

const HEADER = 'Id,First,Email,Phone,Outcome,Source,Do Not Email,City,Visits,Seconds,Last';

function csv(...rows: string[]): string[] {
  // Chunks split mid-line, as a socket or file stream would deliver them.
  const text = `${[HEADER, ...rows].join('\n')}\n`;
  return [text.slice(0, 7), text.slice(7, 40), text.slice(40)];
}

describe.each(testDatabaseTargets())('importPeopleCsv on $label', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.execute(sql`truncate people cascade`);
  });

  async function counts() {
    const [row] = await queryRows<{ people: number; events: number }>(
      database.db,
      sql`select (select count(*)::int from people) as people, (select count(*)::int from engagement_events) as events`,
    );
    return row;
  }

  const run = (input: Iterable<string>, options: Partial<Parameters<typeof importPeopleCsv>[2]> = {}) =>
    importPeopleCsv(database.db, input, { mapping: MAPPING, now: NOW, ...options });

  it('creates people with mapped fields, attributes and engagement events', async () => {
    const report = await run(
      csv(
        'A1,Ada,ada@example.ac.uk,07400 123456,won,Google,No,Leeds,3,100,Email Opened',
        'A2,Brian,,,gone,Billboard,Yes,Select,0,0,SMS Sent',
        'A3,Cleo,,,,,,,,,',
      ),
    );
    expect(report).toMatchObject({ rows: 3, created: 3, updated: 0, rejected: 0, errors: [], engagement_events: 4 });

    const rows = await database.db.select().from(people).orderBy(people.external_ref);
    const [ada, brian, cleo] = rows;
    expect(ada).toMatchObject({
      first_name: 'Ada',
      phone_e164: '+447400123456',
      lifecycle_stage: 'enrolled',
      source: 'organic_search',
      source_detail: 'Google',
      consent_email: true,
      campaign: 'spring-fair',
      attributes: { city: 'Leeds', visits: 3 },
      lost_reason: null,
    });
    expect(ada?.enrolled_at).toEqual(NOW);
    expect(brian).toMatchObject({
      lifecycle_stage: 'lost',
      lost_reason: 'not_converted',
      source: 'unknown',
      source_detail: 'Billboard',
      consent_email: false,
      attributes: { city: null, visits: 0 },
    });
    expect(cleo).toMatchObject({ lifecycle_stage: 'enquirer', source: 'unknown', source_detail: null });

    const events = await database.db
      .select()
      .from(engagementEvents)
      .orderBy(engagementEvents.type, engagementEvents.duration_seconds);
    expect(events.map((e) => [e.person_id === ada?.id, e.type, e.duration_seconds])).toEqual([
      [true, 'email_open', null],
      [true, 'web_visit', 33],
      [true, 'web_visit', 33],
      [true, 'web_visit', 34],
    ]);
    expect(events[1]?.occurred_at).toEqual(NOW);
    expect(events[1]?.metadata).toMatchObject({ imported: true, timing: 'unknown', column: 'Visits' });
    expect(report.ignored_columns).toEqual([]);
  });

  it('reports invalid rows by spreadsheet row, field and column, and imports the rest', async () => {
    const report = await run([
      `${HEADER}\n`,
      'A1,Ada,not-an-email,,,,,,,,\n',
      '\n', // a blank line is skipped but still counts as a spreadsheet row
      'A2,"Bri\nan",,,,,,,,,\n', // one record over two lines is one spreadsheet row
      'A3,Cleo,,,prospect,,,,,,\n',
      'A4,Dev,,,,,maybe,,-2,,\n',
      'A5,Eve,,,,,,,,,\n',
    ]);
    expect(report).toMatchObject({ rows: 5, created: 2, rejected: 3 });
    expect(report.errors).toEqual([
      { row: 2, field: 'email', column: 'Email', reason: 'Invalid e-mail address' },
      { row: 5, field: 'lifecycle_stage', column: 'Outcome', reason: expect.stringContaining('Invalid option') },
      { row: 6, field: 'consent_email', column: 'Do Not Email', reason: 'Expected Yes or No, got "maybe"' },
      { row: 6, column: 'Visits', reason: 'Expected a whole number of events, got "-2"' },
    ]);
    const names = await database.db.select({ name: people.first_name }).from(people).orderBy(people.first_name);
    expect(names.map((n) => n.name)).toEqual(['Bri\nan', 'Eve']);
  });

  it("writes nothing with onInvalidRow 'abort', even after a full batch was written", async () => {
    const valid = Array.from({ length: 1500 }, (_, i) => `R${i},P${i},,,,,,,1,,`);
    const report = await run(csv(...valid, 'BAD,X,nope,,,,,,,,', 'R9999,Y,,,,,,,,,'), { onInvalidRow: 'abort' });
    expect(report).toMatchObject({
      rows: 1502,
      rejected: 1,
      aborted: true,
      created: 0,
      updated: 0,
      engagement_events: 0,
    });
    expect(report.errors).toEqual([{ row: 1502, field: 'email', column: 'Email', reason: 'Invalid e-mail address' }]);
    expect(await counts()).toEqual({ people: 0, events: 0 });
  });

  it.each([
    ['an unclosed quote', 'A2,"Brian,,,,,,,,,,', 3],
    ['a row with too many cells', 'A2,Brian,,,,,,,,,,,', 3],
    ['a row with too few cells', 'A2,Brian', 3],
  ])('throws CsvFormatError for %s and leaves the database unchanged', async (_, bad, row) => {
    await createPerson(database.db, { first_name: 'Existing' }, { actor: null, at: NOW });
    const before = await counts();
    const error = await run(csv('A1,Ada,,,,,,,2,,', bad, 'A3,Cleo,,,,,,,,,')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect(error).toMatchObject({ row });
    expect(await counts()).toEqual(before);
  });

  it('rolls back batches already written when the file turns out malformed further down', async () => {
    const valid = Array.from({ length: 2100 }, (_, i) => `R${i},P${i},,,,,,,2,,`);
    const error = await run(csv(...valid, 'ragged,row')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CsvFormatError', row: 2102 });
    expect(await counts()).toEqual({ people: 0, events: 0 });
  });

  it('throws CsvFormatError when a column the mapping names is missing from the header', async () => {
    const error = await run(['Id,First\nA1,Ada\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect(error).toMatchObject({ row: 1, message: expect.stringContaining('"Email"') });
    await expect(run([''])).rejects.toThrow(CsvFormatError);
    expect(await counts()).toEqual({ people: 0, events: 0 });
  });

  it('updates instead of duplicating when the same file is imported again', async () => {
    const file = csv('A1,Ada,ada@example.ac.uk,,won,Google,No,Leeds,3,90,Email Opened', 'A2,Brian,,,gone,,,,2,,');
    const first = await run(file);
    expect(first).toMatchObject({ created: 2, engagement_events: 6 });
    const before = await counts();
    const again = await run(file);
    expect(again).toMatchObject({
      rows: 2,
      created: 0,
      updated: 2,
      rejected: 0,
      matched_by: { external_ref: 2, email: 0, phone: 0 },
      engagement_events: 6,
    });
    // Counts in the file are snapshots: the re-import replaces its events rather than adding to them.
    expect(await counts()).toEqual(before);
  });

  it('updates only the fields present in the row, and moves the stage with its timestamps', async () => {
    await run(csv('A1,Ada,ada@example.ac.uk,,,Google,No,Leeds,,,'));
    const later = new Date('2025-04-01T00:00:00Z');
    const report = await importPeopleCsv(database.db, csv('A1,,,,gone,,,,,,'), { mapping: MAPPING, now: later });
    expect(report).toMatchObject({ updated: 1, created: 0 });
    const [ada] = await database.db.select().from(people);
    expect(ada).toMatchObject({
      first_name: 'Ada',
      email: 'ada@example.ac.uk',
      source: 'organic_search',
      campaign: 'spring-fair',
      lifecycle_stage: 'lost',
      lost_reason: 'not_converted',
      attributes: { city: 'Leeds', visits: null },
    });
    expect(ada?.lost_at).toEqual(later);
    expect(ada?.updated_at).toEqual(later);
  });

  it('matches by e-mail (case and spaces folded) when the row has no external ref', async () => {
    const id = await createPerson(
      database.db,
      { email: 'Ada@Example.ac.uk', first_name: 'A.' },
      { actor: null, at: NOW },
    );
    const report = await run(csv(',Ada, ADA@example.AC.UK ,,,,,,1,,'));
    expect(report).toMatchObject({ created: 0, updated: 1, matched_by: { external_ref: 0, email: 1, phone: 0 } });
    const [ada] = await database.db.select().from(people);
    expect(ada).toMatchObject({ id, first_name: 'Ada' });
    expect(await counts()).toEqual({ people: 1, events: 1 });
  });

  it('matches an earlier row of the same file by e-mail', async () => {
    const report = await run(
      csv(',Ada,ada@example.ac.uk,,,,,,,,', ',,ADA@example.ac.uk,,won,,,,,,', 'A9,,ada@example.ac.uk,,,,,,,,'),
    );
    expect(report).toMatchObject({ created: 1, updated: 2, rejected: 0, matched_by: { email: 2 } });
    const rows = await database.db.select().from(people);
    expect(rows.map((r) => [r.external_ref, r.first_name, r.lifecycle_stage])).toEqual([['A9', 'Ada', 'enrolled']]);
  });

  it('matches later rows of the file to the person an earlier row created, even across batches', async () => {
    const filler = Array.from({ length: 1200 }, (_, i) => `F${i},,,,,,,,,,`);
    const report = await run(
      csv('A1,Ada,,,,,,,2,,', ...filler, 'A1,,ada@example.ac.uk,,won,,,,5,,', 'A1,,,,,,,,,,Email Opened'),
    );
    expect(report).toMatchObject({ created: 1201, updated: 2, matched_by: { external_ref: 2 }, engagement_events: 6 });
    const [ada] = await database.db.select().from(people).where(sql`external_ref = 'A1'`);
    expect(ada).toMatchObject({ first_name: 'Ada', email: 'ada@example.ac.uk', lifecycle_stage: 'enrolled' });
    const events = await queryRows<{ type: string; n: number }>(
      database.db,
      sql`select type, count(*)::int as n from engagement_events group by type order by type`,
    );
    expect(events).toEqual([
      { type: 'email_open', n: 1 },
      { type: 'web_visit', n: 5 },
    ]);
  });

  it('rejects a row whose phone matches more than one person, and matches a single one', async () => {
    await createPerson(database.db, { first_name: 'Parent', phone: '07400 123456' }, { actor: null, at: NOW });
    await createPerson(database.db, { first_name: 'Sibling', phone: '+44 7400 123456' }, { actor: null, at: NOW });
    const single = await createPerson(
      database.db,
      { first_name: 'Solo', phone: '07911 123456' },
      { actor: null, at: NOW },
    );
    const report = await run(csv(',Kid,,07400123456,,,,,,,', ',Solo2,,07911123456,,,,,,,'));
    expect(report).toMatchObject({ created: 0, updated: 1, rejected: 1, matched_by: { phone: 1 } });
    expect(report.errors).toEqual([{ row: 2, field: 'phone', reason: expect.stringContaining('matches 2 people') }]);
    const [solo] = await database.db.select().from(people).where(sql`id = ${single}`);
    expect(solo?.first_name).toBe('Solo2');
  });

  it('rejects a row whose e-mail belongs to a person with another external ref', async () => {
    await run(csv('A1,Ada,ada@example.ac.uk,,,,,,,,'));
    const report = await run(csv('B7,Imposter,ada@example.ac.uk,,,,,,,,', 'A1,,other@example.ac.uk,,,,,,,,'));
    expect(report).toMatchObject({ created: 0, updated: 1, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: 'email' });
    const rows = await database.db.select({ ref: people.external_ref, email: people.email }).from(people);
    expect(rows).toEqual([{ ref: 'A1', email: 'other@example.ac.uk' }]);
  });

  it('lets one row take an e-mail another row of the same batch gives up', async () => {
    await run(csv('A1,Ada,ada@example.ac.uk,,,,,,,,'));
    const report = await run(csv('A1,,ada.new@example.ac.uk,,,,,,,,', 'A2,Ada2,ada@example.ac.uk,,,,,,,,'));
    expect(report).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    const rows = await database.db
      .select({ ref: people.external_ref, email: people.email })
      .from(people)
      .orderBy(people.external_ref);
    expect(rows).toEqual([
      { ref: 'A1', email: 'ada.new@example.ac.uk' },
      { ref: 'A2', email: 'ada@example.ac.uk' },
    ]);
  });

  it('dry run reports what it would do and writes nothing', async () => {
    await run(csv('A1,Ada,,,,,,,,,'));
    const before = await counts();
    const report = await run(csv('A1,Ada,,,won,,,,2,,', 'A2,Brian,,,,,,,4,,', 'A3,Bad,x,,,,,,,,'), { dryRun: true });
    expect(report).toMatchObject({ dry_run: true, rows: 3, created: 1, updated: 1, rejected: 1, engagement_events: 6 });
    expect(await counts()).toEqual(before);
    const [ada] = await database.db.select().from(people);
    expect(ada?.lifecycle_stage).toBe('enquirer');
  });

  it('records what the mapping declares about its attributes, only when the import is written', async () => {
    await database.db.execute(sql`truncate person_attribute_keys`);
    const declared = async () =>
      (await database.db.select().from(personAttributeKeys).orderBy(personAttributeKeys.key)).map(
        ({ key, model_use }) => [key, model_use],
      );
    const mapping: PeopleImportMapping = {
      ...MAPPING,
      attributes: [
        { column: 'City', key: 'city', model_use: 'leaks_outcome' },
        { column: 'Visits', key: 'visits', transform: 'number' },
      ],
    };
    await run(csv('A1,Ada,,,,,,Leeds,2,,'), { mapping, dryRun: true });
    expect(await declared()).toEqual([]);
    await run(csv('A1,Ada,,,,,,Leeds,2,,'), { mapping, onInvalidRow: 'abort' });
    expect(await declared()).toEqual([
      ['city', 'leaks_outcome'],
      ['visits', 'feature'],
    ]);
  });

  it('reads a semicolon-delimited file with a byte-order mark and CRLF line ends', async () => {
    const mapping: PeopleImportMapping = {
      delimiter: ';',
      fields: { external_ref: { column: 'Ref' }, last_name: { column: 'Name' } },
    };
    const report = await importPeopleCsv(database.db, ['\ufeffRef;Name\r\nX1;"Smith; Jones"\r\n'], {
      mapping,
      now: NOW,
    });
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    const [person] = await database.db.select().from(people);
    expect(person).toMatchObject({ external_ref: 'X1', last_name: 'Smith; Jones' });
  });

  it('caps an event count and reports a warning', async () => {
    const report = await run(csv('A1,Ada,,,,,,,600,1000,'));
    expect(report.engagement_events).toBe(500);
    expect(report.warnings).toEqual([{ row: 2, column: 'Visits', reason: expect.stringContaining('capped at 500') }]);
    const [sum] = await queryRows<{ total: number }>(
      database.db,
      sql`select sum(duration_seconds)::int as total from engagement_events`,
    );
    expect(sum?.total).toBe(1000);
  });

  it('imports the X Education file with its committed mapping', async () => {
    await database.db.execute(sql`truncate person_attribute_keys`);
    const started = performance.now();
    const report: ImportReport = await importPeopleCsv(database.db, createReadStream(XEDUCATION_CSV), {
      mapping: XEDUCATION_MAPPING,
      now: NOW,
    });
    const seconds = (performance.now() - started) / 1000;
    const { created, rejected, engagement_events, warnings } = report;
    console.info(`X Education import on ${target.label}: ${seconds.toFixed(2)} s`, {
      created,
      rejected,
      engagement_events,
      warnings: warnings.length,
    });
    expect(report.rows).toBe(9240);
    expect(report.created + report.rejected).toBe(9240);
    expect(report.created).toBeGreaterThanOrEqual(9000);
    expect(report.ignored_columns).toEqual([]);
    const rejectedRows = new Set(report.errors.map((e) => e.row));
    const records: Record<string, string>[] = parseCsv(readFileSync(XEDUCATION_CSV), { columns: true });
    const rejectedConverted = records.filter((r, i) => rejectedRows.has(i + 2) && r.Converted === '1').length;
    const [stages] = await queryRows<{ enrolled: number; lost: number; people: number; with_domicile: number }>(
      database.db,
      sql`select count(*) filter (where lifecycle_stage = 'enrolled')::int as enrolled,
                 count(*) filter (where lifecycle_stage = 'lost' and lost_reason = 'not_converted')::int as lost,
                 count(*)::int as people, count(domicile)::int as with_domicile from people`,
    );
    expect(stages?.people).toBe(report.created);
    expect(stages?.enrolled).toBe(3561 - rejectedConverted);
    expect((stages?.enrolled ?? 0) + (stages?.lost ?? 0)).toBe(report.created);
    // Every named country but 'unknown' (5) and 'Asia/Pacific Region' (2) becomes an ISO code.
    const named = records.filter((r, i) => r.Country && !rejectedRows.has(i + 2));
    expect(stages?.with_domicile).toBe(
      named.filter((r) => !['unknown', 'Asia/Pacific Region'].includes(r.Country ?? '')).length,
    );

    // TotalVisits becomes web visits carrying the time on site; the last activity one event more.
    const [visits] = await queryRows<{ visits: number; seconds: number; email_opens: number }>(
      database.db,
      sql`select count(*) filter (where type = 'web_visit')::int as visits,
                 sum(duration_seconds) filter (where type = 'web_visit')::int as seconds,
                 count(*) filter (where type = 'email_open')::int as email_opens
          from engagement_events`,
    );
    expect(visits?.email_opens).toBe(3437);
    const [sums] = await queryRows<{ visits: number; seconds: number }>(
      database.db,
      sql`select sum((attributes->>'total_visits')::int)::int as visits,
                 sum((attributes->>'total_time_on_website_seconds')::int)
                   filter (where attributes->>'total_visits' is not null)::int as seconds
          from people`,
    );
    expect(visits?.visits).toBe(sums?.visits);
    expect(visits?.seconds).toBe(sums?.seconds);

    const [example] = await database.db
      .select()
      .from(people)
      .where(sql`external_ref = '8cc8c611-a219-4f35-ad23-fdfd2656bd8a'`);
    expect(example).toMatchObject({
      lifecycle_stage: 'enrolled',
      source: 'direct',
      source_detail: 'Direct Traffic',
      domicile: 'IN',
      consent_email: true,
      consent_phone: true,
      attributes: {
        lead_number: 660727,
        specialization: 'Business Administration',
        heard_about_us: null,
        city: 'Mumbai',
        asymmetrique_profile_score: 20,
        wants_free_interview_guide: true,
        tags: 'Will revert after reading the email',
      },
    });

    // The columns that leak the outcome, and the lead number, are recorded as never to be model features.
    const declared = await database.db.select().from(personAttributeKeys);
    expect(declared).toHaveLength(XEDUCATION_MAPPING.attributes.length);
    const notFeatures = Object.fromEntries(
      declared.filter((row) => row.model_use !== 'feature').map((row) => [row.key, row.model_use]),
    );
    expect(notFeatures).toEqual({
      tags: 'leaks_outcome',
      lead_quality: 'leaks_outcome',
      last_notable_activity: 'leaks_outcome',
      lead_number: 'identifier',
    });
  });
});

describe('peopleImportMappingSchema', () => {
  it('rejects a misspelt field, an unknown event type and a field with neither column nor default', () => {
    expect(peopleImportMappingSchema.safeParse({ fields: { emial: { column: 'Email' } } }).success).toBe(false);
    expect(peopleImportMappingSchema.safeParse({ engagement: [{ column: 'V', type: 'sms' }] }).success).toBe(false);
    expect(peopleImportMappingSchema.safeParse({ fields: { campaign: { transform: 'trim' } } }).success).toBe(false);
    expect(
      peopleImportMappingSchema.safeParse({ fields: { source: { column: 'S', unmapped: 'default' } } }).success,
    ).toBe(false);
  });

  it('fills in defaults for a minimal mapping', () => {
    expect(peopleImportMappingSchema.parse({ fields: { email: { column: 'E-mail' } } })).toEqual({
      delimiter: ',',
      na: [],
      fields: { email: { column: 'E-mail', unmapped: 'keep' } },
      attributes: [],
      engagement: [],
    });
  });
});
