import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../client';
import { importPeopleCsv } from '../import/import-people';
import { createPerson, updatePerson } from '../people/write-person';
import { queryRows } from '../query-rows';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { refreshTriage } from '../triage/refresh-triage';
import { personConsents, recordConsent, sweepExpiredContactConsents } from './consent-records';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const ALL = { kind: 'all' } as const;
const audit = (at = NOW) => ({ actor: { id: null, label: 'consent-test' }, at });

/**
 * People whose consent_* columns differ from the current state of their contact consent history at `at` (the latest
 * record, a grant counting only until it expires): the invariant every write path must keep.
 */
async function projectionMismatches(db: Tx, at: Date) {
  return queryRows<{ id: string; consent_type: string }>(
    db,
    sql`select p.id, t.consent_type
          from people p
          cross join lateral (values ('email_contact', p.consent_email), ('sms_contact', p.consent_sms),
                                     ('phone_contact', p.consent_phone)) as t(consent_type, flag)
          left join lateral (select c.granted and (c.expires_at is null or c.expires_at > ${at.toISOString()}::timestamptz) as granted
                               from consent_records c where c.person_id = p.id and c.consent_type = t.consent_type
                              order by c.recorded_at desc, c.id desc limit 1) cur on true
         where t.flag <> coalesce(cur.granted, false)`,
  );
}

async function flags(db: Tx, id: string) {
  const [row] = await queryRows<{ consent_email: boolean; consent_sms: boolean; consent_phone: boolean }>(
    db,
    sql`select consent_email, consent_sms, consent_phone from people where id = ${id}`,
  );
  return row;
}

async function auditActions(db: Tx, id: string) {
  const rows = await queryRows<{ action: string }>(
    db,
    sql`select action from audit_log where resource_id = ${id} order by id`,
  );
  return rows.map((r) => r.action);
}

describe.each(testDatabaseTargets())('consent records on $label', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 400, seed: 5, asOf: NOW });
  });
  afterAll(() => database.close());

  it('seeds a history that agrees with every seeded person, with expiries, refusals and withdrawals', async () => {
    expect(await projectionMismatches(database.db, NOW)).toEqual([]);
    const [mix] = await queryRows<Record<string, number>>(
      database.db,
      sql`select count(*) filter (where granted)::int as grants,
                 count(*) filter (where granted and expires_at is not null)::int as expiring,
                 count(*) filter (where not granted and exists (select 1 from consent_records g where g.person_id = c.person_id
                    and g.consent_type = c.consent_type and g.granted and g.recorded_at < c.recorded_at))::int as withdrawals,
                 count(*) filter (where not granted and source in ('web_form', 'ucas'))::int as refusals,
                 count(*) filter (where source = 'ucas')::int as ucas,
                 count(*) filter (where consent_type = 'marketing')::int as marketing
            from consent_records c`,
    );
    for (const key of ['grants', 'expiring', 'withdrawals', 'refusals', 'ucas', 'marketing']) {
      expect(mix?.[key], key).toBeGreaterThan(0);
    }
  });

  it('records a withdrawal and a regrant, mirroring the contact column and auditing each', async () => {
    const id = await createPerson(database.db, { first_name: 'Wren', consent_email: true }, audit());
    expect(await flags(database.db, id)).toEqual({ consent_email: true, consent_sms: false, consent_phone: false });
    const withdrawal = {
      consent_type: 'email_contact' as const,
      granted: false,
      purpose: 'Asked us to stop e-mailing',
      data_categories: [],
      source: 'phone' as const,
      expires_at: null,
    };
    const result = await recordConsent(database.db, id, withdrawal, ALL, audit(new Date(NOW.getTime() + 1000)));
    expect(result?.consents.current.email_contact.state).toBe('withdrawn');
    expect(await flags(database.db, id)).toMatchObject({ consent_email: false });

    const marketing = { ...withdrawal, consent_type: 'marketing' as const, granted: true, purpose: 'Open days' };
    await recordConsent(database.db, id, marketing, ALL, audit(new Date(NOW.getTime() + 2000)));
    expect(await flags(database.db, id)).toEqual({ consent_email: false, consent_sms: false, consent_phone: false });

    const consents = await personConsents(database.db, id, ALL, NOW);
    expect(consents?.history.map((r) => [r.consent_type, r.granted, r.source])).toEqual([
      ['marketing', true, 'phone'],
      ['email_contact', false, 'phone'],
      ['email_contact', true, 'staff'],
    ]);
    expect(await auditActions(database.db, id)).toEqual(['person.create', 'consent.withdraw', 'consent.grant']);
    expect(await projectionMismatches(database.db, NOW)).toEqual([]);
  });

  it('changes only the recorded type’s column, leaving values from before consent was recorded', async () => {
    const id = await createPerson(database.db, { first_name: 'Lee' }, audit());
    await database.db.execute(sql`update people set consent_sms = true where id = ${id}`);
    const grant = {
      consent_type: 'email_contact' as const,
      granted: true,
      purpose: 'Course updates',
      data_categories: [],
      source: 'web_form' as const,
      expires_at: null,
    };
    await recordConsent(database.db, id, grant, ALL, audit());
    expect(await flags(database.db, id)).toEqual({ consent_email: true, consent_sms: true, consent_phone: false });
    await database.db.execute(sql`update people set consent_sms = false where id = ${id}`);
  });

  it('refuses to touch a person outside the scope', async () => {
    const id = await createPerson(database.db, { first_name: 'Out' }, audit());
    const change = {
      consent_type: 'sms_contact' as const,
      granted: true,
      purpose: 'Reminders',
      data_categories: [],
      source: 'staff' as const,
      expires_at: null,
    };
    const scope = { kind: 'own', personId: null } as const;
    expect(await recordConsent(database.db, id, change, scope, audit())).toBeNull();
    expect(await personConsents(database.db, id, scope, NOW)).toBeNull();
    expect((await personConsents(database.db, id, ALL, NOW))?.history).toEqual([]);
  });

  it('keeps the columns and the history together through person updates', async () => {
    const id = await createPerson(database.db, { first_name: 'Ula', consent_sms: false }, audit());
    expect((await personConsents(database.db, id, ALL, NOW))?.history).toEqual([]);
    await updatePerson(database.db, id, { consent_sms: true, consent_phone: true }, ALL, audit());
    await updatePerson(database.db, id, { consent_phone: false }, ALL, audit(new Date(NOW.getTime() + 1000)));
    await updatePerson(database.db, id, { first_name: 'Ulla' }, ALL, audit(new Date(NOW.getTime() + 2000)));
    const consents = await personConsents(database.db, id, ALL, NOW);
    expect(consents?.current.sms_contact.state).toBe('granted');
    expect(consents?.current.phone_contact.state).toBe('withdrawn');
    expect(consents?.history).toHaveLength(3);
    expect(await projectionMismatches(database.db, NOW)).toEqual([]);
  });

  it('records what an import sets, as source import', async () => {
    const report = await importPeopleCsv(
      database.db,
      ['external_ref,first_name,consent_email,consent_sms\n', 'IMP-1,Ines,Yes,No\n', 'IMP-2,Jon,No,Yes\n'],
      { now: NOW },
    );
    expect(report).toMatchObject({ created: 2, rejected: 0 });
    await importPeopleCsv(database.db, ['external_ref,consent_email\n', 'IMP-1,No\n'], {
      now: new Date(NOW.getTime() + 1000),
    });
    const rows = await queryRows<{ external_ref: string; consent_type: string; granted: boolean; source: string }>(
      database.db,
      sql`select p.external_ref, c.consent_type, c.granted, c.source from consent_records c join people p on p.id = c.person_id
           where p.external_ref like 'IMP-%' order by c.id`,
    );
    expect(rows).toEqual([
      { external_ref: 'IMP-1', consent_type: 'email_contact', granted: true, source: 'import' },
      { external_ref: 'IMP-2', consent_type: 'sms_contact', granted: true, source: 'import' },
      { external_ref: 'IMP-1', consent_type: 'email_contact', granted: false, source: 'import' },
    ]);
    expect(await projectionMismatches(database.db, NOW)).toEqual([]);
  });

  it('sweeps expired contact consents off the columns, auditing each person once', async () => {
    const id = await createPerson(database.db, { first_name: 'Tess' }, audit());
    const grant = (consent_type: 'email_contact' | 'phone_contact', expires: number) =>
      recordConsent(
        database.db,
        id,
        {
          consent_type,
          granted: true,
          purpose: 'Course updates',
          data_categories: [],
          source: 'web_form',
          expires_at: new Date(NOW.getTime() + expires * DAY),
        },
        ALL,
        audit(),
      );
    await grant('email_contact', 10);
    await grant('phone_contact', 30);
    const later = new Date(NOW.getTime() + 20 * DAY);
    expect((await projectionMismatches(database.db, later)).filter((m) => m.id === id)).toHaveLength(1);

    const sweep = await sweepExpiredContactConsents(database.db, audit(later));
    expect(sweep.consents).toBeGreaterThanOrEqual(1);
    expect(await flags(database.db, id)).toEqual({ consent_email: false, consent_sms: false, consent_phone: true });
    expect(await projectionMismatches(database.db, later)).toEqual([]);
    expect((await auditActions(database.db, id)).filter((a) => a === 'consent.expire')).toHaveLength(1);
    expect(await sweepExpiredContactConsents(database.db, audit(later))).toEqual({ people: 0, consents: 0 });
  });

  it('clears lapsed consents in the hourly triage refresh before scoring', async () => {
    const id = await createPerson(database.db, { first_name: 'Hal', email: 'hal@example.ac.uk' }, audit());
    await recordConsent(
      database.db,
      id,
      {
        consent_type: 'email_contact',
        granted: true,
        purpose: 'Course updates',
        data_categories: [],
        source: 'web_form',
        expires_at: new Date(NOW.getTime() + 40 * DAY),
      },
      ALL,
      audit(),
    );
    const later = new Date(NOW.getTime() + 41 * DAY);
    const report = await refreshTriage(database.db, { now: later, audit: audit(later), slaHours: 24 });
    expect(report.expired_consents.consents).toBeGreaterThanOrEqual(1);
    expect(await flags(database.db, id)).toMatchObject({ consent_email: false });
    expect(await projectionMismatches(database.db, later)).toEqual([]);
  });
});
