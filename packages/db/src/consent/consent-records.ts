import {
  CONTACT_CONSENT_COLUMNS,
  type ConsentRecord,
  type ConsentSource,
  type ConsentType,
  type ContactConsentFlags,
  type CurrentConsent,
  currentConsents,
  type DataCategory,
  isContactConsentType,
} from '@ivy/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditContext, appendAudit } from '../identity/audit';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import { queryRows } from '../query-rows';
import { consentRecords, people } from '../schema';

export type StoredConsentRecord = ConsentRecord & { id: number; recorded_by: string | null };

export type ConsentChange = {
  consent_type: ConsentType;
  granted: boolean;
  purpose: string;
  data_categories: DataCategory[];
  source: ConsentSource;
  expires_at: Date | null;
};

export type PersonConsents = {
  current: Record<ConsentType, CurrentConsent<StoredConsentRecord>>;
  /** Every record, newest first. */
  history: StoredConsentRecord[];
};

const recordColumns = {
  id: consentRecords.id,
  consent_type: consentRecords.consent_type,
  granted: consentRecords.granted,
  purpose: consentRecords.purpose,
  data_categories: consentRecords.data_categories,
  source: consentRecords.source,
  recorded_by: consentRecords.recorded_by,
  recorded_at: consentRecords.recorded_at,
  expires_at: consentRecords.expires_at,
};

async function historyOf(db: Tx, personId: string): Promise<StoredConsentRecord[]> {
  // Oldest first so that currentConsents breaks same-instant ties by insertion order.
  return db
    .select(recordColumns)
    .from(consentRecords)
    .where(eq(consentRecords.person_id, personId))
    .orderBy(asc(consentRecords.recorded_at), asc(consentRecords.id));
}

async function inScope(db: Tx, personId: string, scope: PeopleScope, lock: boolean): Promise<boolean> {
  const query = db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), peopleScopeCondition(scope)));
  const [row] = lock ? await query.for('update') : await query;
  return row !== undefined;
}

/** A person's current consents and full history; null when the person does not exist or is outside the scope. */
export async function personConsents(
  db: Tx,
  personId: string,
  scope: PeopleScope,
  now: Date,
): Promise<PersonConsents | null> {
  if (!(await inScope(db, personId, scope, false))) return null;
  const history = await historyOf(db, personId);
  return { current: currentConsents(history, now), history: history.reverse() };
}

/**
 * Records a grant, refusal or withdrawal and, for a contact type, sets people.consent_* to the resulting current
 * state — in one transaction with the audit entry, so the projection and the history cannot disagree. Null when the
 * person does not exist or is outside the scope.
 */
export async function recordConsent(
  db: Tx,
  personId: string,
  change: ConsentChange,
  scope: PeopleScope,
  audit: AuditContext,
): Promise<{ record: StoredConsentRecord; consents: PersonConsents } | null> {
  return db.transaction(async (tx) => {
    if (!(await inScope(tx, personId, scope, true))) return null;
    const [record] = await tx
      .insert(consentRecords)
      .values({ person_id: personId, ...change, recorded_by: audit.actor?.id ?? null, recorded_at: audit.at })
      .returning(recordColumns);
    if (!record) throw new Error('inserting a consent record returned nothing');
    const history = await historyOf(tx, personId);
    const current = currentConsents(history, audit.at);
    if (isContactConsentType(change.consent_type)) {
      // Only this type's column: another may hold a value from before consent was recorded, with no history yet.
      await tx
        .update(people)
        .set({
          [CONTACT_CONSENT_COLUMNS[change.consent_type]]: current[change.consent_type].granted,
          updated_at: audit.at,
        })
        .where(eq(people.id, personId));
    }
    const previous = history.filter((r) => r.consent_type === change.consent_type && r.id !== record.id).at(-1);
    await appendAudit(tx, {
      ...audit,
      action: `consent.${change.granted ? 'grant' : previous?.granted ? 'withdraw' : 'refuse'}`,
      resourceType: 'lead_data',
      resourceId: personId,
      outcome: 'success',
      details: {
        consent_record_id: record.id,
        consent_type: change.consent_type,
        source: change.source,
        data_categories: change.data_categories,
        expires_at: change.expires_at?.toISOString() ?? null,
      },
    });
    return { record, consents: { current, history: history.reverse() } };
  });
}

/** Whether a person write sets any people.consent_* column, and so must be recorded as consent. */
export function setsContactConsent(values: object): boolean {
  return CONTACT_COLUMNS.some(
    (column) => column in values && (values as Record<string, unknown>)[column] !== undefined,
  );
}

const CONTACT_COLUMNS = Object.values(CONTACT_CONSENT_COLUMNS);

export type ContactConsentSync = {
  source: ConsentSource;
  purpose?: string;
  recordedBy?: string | null;
  at: Date;
};

export const CONTACT_CONSENT_PURPOSE = 'Contact about their enquiry and application';

/**
 * For writes that set people.consent_* directly (person create and update, the importer): appends a consent record
 * for each contact type whose column now differs from the current state of its history, so the history explains
 * every value the columns take. A false column with no history stays unrecorded: nothing was said. One statement for
 * any number of people; returns how many records it wrote.
 */
export async function syncContactConsentRecords(
  db: Tx,
  personIds: readonly string[],
  { source, purpose = CONTACT_CONSENT_PURPOSE, recordedBy = null, at }: ContactConsentSync,
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await queryRows<{ person_id: string }>(
    db,
    sql`insert into consent_records (person_id, consent_type, granted, purpose, data_categories, source, recorded_by, recorded_at)
        select p.id, t.consent_type, t.flag, ${purpose}, '[]'::jsonb, ${source}, ${recordedBy}::uuid, ${at.toISOString()}::timestamptz
          from people p
          cross join lateral (values ('email_contact', p.consent_email), ('sms_contact', p.consent_sms),
                                     ('phone_contact', p.consent_phone)) as t(consent_type, flag)
          left join lateral (select c.granted and (c.expires_at is null or c.expires_at > ${at.toISOString()}::timestamptz) as granted
                               from consent_records c
                              where c.person_id = p.id and c.consent_type = t.consent_type
                              order by c.recorded_at desc, c.id desc limit 1) cur on true
         where p.id in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::uuid)
           and t.flag <> coalesce(cur.granted, false)
        returning person_id`,
  );
  return rows.length;
}

export type ExpiredConsentSweep = { people: number; consents: number };

/**
 * Clears people.consent_* where the contact grant that set it has expired, auditing each person, so that triage and
 * lists (which read the columns) treat an expired consent as not given. The history already says it expired.
 */
export async function sweepExpiredContactConsents(db: Tx, audit: AuditContext): Promise<ExpiredConsentSweep> {
  return db.transaction(async (tx) => {
    const at = audit.at.toISOString();
    const rows = await queryRows<{ person_id: string; consent_type: ConsentType; col: keyof ContactConsentFlags }>(
      tx,
      sql`select p.id as person_id, t.consent_type, t.col
            from people p
            cross join lateral (values ('email_contact', 'consent_email', p.consent_email),
                                       ('sms_contact', 'consent_sms', p.consent_sms),
                                       ('phone_contact', 'consent_phone', p.consent_phone)) as t(consent_type, col, flag)
            join lateral (select c.granted, c.expires_at from consent_records c
                           where c.person_id = p.id and c.consent_type = t.consent_type
                           order by c.recorded_at desc, c.id desc limit 1) cur on true
           where t.flag and cur.granted and cur.expires_at <= ${at}::timestamptz`,
    );
    const byPerson = new Map<string, typeof rows>();
    for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
    for (const [personId, personRows] of byPerson) {
      const cleared = Object.fromEntries(personRows.map((r) => [r.col, false])) as Partial<ContactConsentFlags>;
      await tx
        .update(people)
        .set({ ...cleared, updated_at: audit.at })
        .where(eq(people.id, personId));
      await appendAudit(tx, {
        ...audit,
        action: 'consent.expire',
        resourceType: 'lead_data',
        resourceId: personId,
        outcome: 'success',
        details: { consent_types: personRows.map((r) => r.consent_type) },
      });
    }
    return { people: byPerson.size, consents: rows.length };
  });
}
