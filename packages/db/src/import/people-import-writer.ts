import { randomUUID } from 'node:crypto';
import {
  type LifecycleStage,
  normalizeEmail,
  normalizePhone,
  type PersonCreate,
  type STAGE_TIMESTAMP,
  stageChangeTimestamps,
} from '@ivy/core';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { setsContactConsent, syncContactConsentRecords } from '../consent/consent-records';
import { personInsertValues } from '../people/person-values';
import { queryRows } from '../query-rows';
import { people } from '../schema';
import type { ImportRowError, MappedRow, RowEvents } from './people-import-mapping';

export type MatchKey = 'external_ref' | 'email' | 'phone';

type StampColumn = (typeof STAGE_TIMESTAMP)[LifecycleStage];

/** What the importer knows about one person while a batch is matched: identity keys and stage history. */
type PersonState = {
  id: string;
  /** Created by a row of the current batch and not inserted yet. */
  pendingNew: boolean;
  externalRef: string | null;
  email: string | null;
  phone: string | null;
  /** The unique keys as the database holds them now (they change only when the batch is flushed). */
  storedExternalRef: string | null;
  storedEmail: string | null;
  stage: LifecycleStage;
  enquiredAt: Date;
  stamps: Partial<Record<StampColumn, Date | null>>;
};

type LookupRow = {
  id: string;
  external_ref: string | null;
  email_normalized: string | null;
  phone_e164: string | null;
  lifecycle_stage: LifecycleStage;
  enquired_ms: number;
  applied_ms: number | null;
  offered_ms: number | null;
  accepted_ms: number | null;
  enrolled_ms: number | null;
};

type Patch = Record<string, unknown> & { attributes?: Record<string, unknown> };

/** SQL type of every column an import may update, for reading it back out of a jsonb patch. */
const PATCH_COLUMNS = {
  external_ref: 'text',
  first_name: 'text',
  last_name: 'text',
  email: 'text',
  phone: 'text',
  phone_e164: 'text',
  postcode: 'text',
  date_of_birth: 'date',
  domicile: 'text',
  consent_email: 'boolean',
  consent_sms: 'boolean',
  consent_phone: 'boolean',
  lifecycle_stage: 'text',
  enquired_at: 'timestamptz',
  applied_at: 'timestamptz',
  offered_at: 'timestamptz',
  accepted_at: 'timestamptz',
  enrolled_at: 'timestamptz',
  lost_at: 'timestamptz',
  lost_reason: 'text',
  source: 'text',
  source_detail: 'text',
  campaign: 'text',
  course_id: 'uuid',
  owner_id: 'uuid',
  team_id: 'uuid',
} as const;

/** Columns the application writes on insert: every column of people except the generated ones. */
const INSERTABLE_COLUMNS = new Set(
  Object.values(getTableColumns(people))
    .filter((column) => !column.generated)
    .map((column) => column.name),
);

export type WriterCounts = {
  created: number;
  updated: number;
  engagement_events: number;
  matched_by: Record<MatchKey, number>;
};

/**
 * Matches validated rows against existing people and writes them, a batch at a time: one lookup query per
 * identity key, then set-based statements (JSON array parameters) for the inserts, the updates, the replaced
 * events and the new events, whatever the batch size. Every write
 * goes through the transaction it is given; the caller decides whether it commits.
 */
export class PeopleImportWriter {
  readonly counts: WriterCounts = {
    created: 0,
    updated: 0,
    engagement_events: 0,
    matched_by: { external_ref: 0, email: 0, phone: 0 },
  };

  private states = new Map<string, PersonState>();
  private byRef = new Map<string, PersonState>();
  private byEmail = new Map<string, PersonState>();
  private byPhone = new Map<string, Set<PersonState>>();
  private creates = new Map<string, PersonCreate>();
  private updates = new Map<string, Patch>();
  private events = new Map<string, Map<string, RowEvents>>();
  /** Unique keys an update of this batch takes away from a person: another row may claim one only after a flush. */
  private released = new Set<string>();

  constructor(
    private readonly tx: Tx,
    private readonly now: Date,
    /** Stored in every event's metadata, so a later batch of the same import can tell its own events apart. */
    private readonly importId: string,
  ) {}

  /** Writes the rows; returns the rows rejected while matching (ambiguous phone, a key owned by someone else). */
  async writeBatch(rows: MappedRow[]): Promise<ImportRowError[]> {
    await this.loadCandidates(rows);
    const rejected: ImportRowError[] = [];
    for (const row of rows) {
      const error = await this.applyRow(row);
      if (error) rejected.push(error);
    }
    await this.flush();
    this.states.clear();
    this.byRef.clear();
    this.byEmail.clear();
    this.byPhone.clear();
    return rejected;
  }

  private async loadCandidates(rows: MappedRow[]): Promise<void> {
    const refs = new Set<string>();
    const emails = new Set<string>();
    const phones = new Set<string>();
    for (const row of rows) {
      const keys = identity(row.create);
      if (keys.ref) refs.add(keys.ref);
      if (keys.email) emails.add(keys.email);
      if (keys.phone) phones.add(keys.phone);
    }
    const lookups: [SQL, Set<string>][] = [
      [sql`${people.external_ref}`, refs],
      [sql`${people.email_normalized}`, emails],
      [sql`${people.phone_e164}`, phones],
    ];
    for (const [column, values] of lookups) {
      if (values.size === 0) continue;
      const found = await queryRows<LookupRow>(
        this.tx,
        sql`select id::text as id, external_ref, email_normalized, phone_e164, lifecycle_stage,
              ${epochMs(sql`enquired_at`)} as enquired_ms, ${epochMs(sql`applied_at`)} as applied_ms,
              ${epochMs(sql`offered_at`)} as offered_ms, ${epochMs(sql`accepted_at`)} as accepted_ms,
              ${epochMs(sql`enrolled_at`)} as enrolled_ms
            from ${people}
            where ${column} = any(array(select jsonb_array_elements_text(${JSON.stringify([...values])}::jsonb)))`,
      );
      for (const match of found) {
        if (this.states.has(match.id)) continue;
        const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));
        this.index({
          id: match.id,
          pendingNew: false,
          externalRef: match.external_ref,
          email: match.email_normalized,
          phone: match.phone_e164,
          storedExternalRef: match.external_ref,
          storedEmail: match.email_normalized,
          stage: match.lifecycle_stage,
          enquiredAt: new Date(match.enquired_ms),
          stamps: {
            applied_at: toDate(match.applied_ms),
            offered_at: toDate(match.offered_ms),
            accepted_at: toDate(match.accepted_ms),
            enrolled_at: toDate(match.enrolled_ms),
          },
        });
      }
    }
  }

  private async applyRow(row: MappedRow): Promise<ImportRowError | null> {
    const { ref, email, phone } = identity(row.create);
    let target: PersonState | undefined;
    let matched_by: MatchKey | undefined;
    if (ref) {
      target = this.byRef.get(ref);
      matched_by = 'external_ref';
    }
    if (!target && email) {
      target = this.byEmail.get(email);
      matched_by = 'email';
      if (target?.externalRef && ref && target.externalRef !== ref) {
        return {
          row: row.row,
          field: 'email',
          reason: `The e-mail address belongs to the person with external_ref "${target.externalRef}", not "${ref}"`,
        };
      }
    }
    if (!target && phone) {
      // A phone is not unique (families, shared lines): only people who could be this row are candidates.
      const candidates = [...(this.byPhone.get(phone) ?? [])].filter(
        (person) => (!ref || !person.externalRef) && (!email || !person.email),
      );
      if (candidates.length > 1) {
        return {
          row: row.row,
          field: 'phone',
          reason: `The phone number matches ${candidates.length} people; the row cannot tell which one it is`,
        };
      }
      target = candidates[0];
      matched_by = 'phone';
    }
    if (email) {
      const owner = this.byEmail.get(email);
      if (owner && owner !== target) {
        return { row: row.row, field: 'email', reason: 'The e-mail address belongs to another person' };
      }
    }
    // A unique key another row of this batch takes from one person may go to another only once that is stored.
    if ((email && this.released.has(`email:${email}`)) || (ref && this.released.has(`ref:${ref}`))) {
      await this.flush();
    }

    if (!target) {
      this.create(row);
      return null;
    }
    if (target.pendingNew) this.mergeIntoNew(target, row);
    else this.patchExisting(target, row);
    this.queueEvents(target.id, row.events);
    this.counts.updated += 1;
    this.counts.matched_by[matched_by as MatchKey] += 1;
    return null;
  }

  private create(row: MappedRow): void {
    const { ref, email, phone } = identity(row.create);
    const id = randomUUID();
    this.index({
      id,
      pendingNew: true,
      externalRef: ref,
      email,
      phone,
      storedExternalRef: null,
      storedEmail: null,
      stage: row.create.lifecycle_stage ?? 'enquirer',
      enquiredAt: row.create.enquired_at ? new Date(row.create.enquired_at) : this.now,
      stamps: {},
    });
    this.creates.set(id, row.create);
    this.queueEvents(id, row.events);
    this.counts.created += 1;
  }

  /** A later row of the file for a person an earlier row of the same batch created: its fields win. */
  private mergeIntoNew(person: PersonState, row: MappedRow): void {
    const current = this.creates.get(person.id) as PersonCreate;
    const { attributes, ...fields } = row.update;
    const merged: PersonCreate = { ...current, ...fields };
    if (attributes) merged.attributes = { ...current.attributes, ...attributes };
    this.creates.set(person.id, merged);
    this.reindex(person, row.update);
    person.stage = merged.lifecycle_stage ?? 'enquirer';
    if (merged.enquired_at) person.enquiredAt = new Date(merged.enquired_at);
  }

  private patchExisting(person: PersonState, row: MappedRow): void {
    const patch: Patch = this.updates.get(person.id) ?? {};
    const { attributes, lifecycle_stage: to, ...fields } = row.update;
    Object.assign(patch, fields);
    if (attributes) patch.attributes = { ...patch.attributes, ...attributes };
    if (fields.phone !== undefined) patch.phone_e164 = fields.phone ? normalizePhone(fields.phone) : null;
    if (fields.enquired_at) person.enquiredAt = new Date(fields.enquired_at);
    if (to && to !== person.stage) {
      const stamps = stageChangeTimestamps(person.stage, to, person.stamps, this.now);
      Object.assign(patch, stamps);
      Object.assign(person.stamps, stamps);
      patch.lifecycle_stage = to;
      patch.last_activity_at = this.now;
      person.stage = to;
    }
    if (person.stage !== 'lost' && (to !== undefined || fields.lost_reason !== undefined)) patch.lost_reason = null;
    if (row.events.length > 0) {
      const occurred = this.occurredAt(person);
      const previous = patch.last_activity_at as Date | undefined;
      patch.last_activity_at = previous && previous > occurred ? previous : occurred;
    }
    this.updates.set(person.id, patch);
    for (const [kind, stored, next] of [
      ['email', person.storedEmail, fields.email === undefined ? undefined : normalizeOrNull(fields.email)],
      ['ref', person.storedExternalRef, fields.external_ref],
    ] as const) {
      if (stored && next !== undefined && next !== stored) this.released.add(`${kind}:${stored}`);
    }
    this.reindex(person, row.update);
  }

  private queueEvents(personId: string, events: RowEvents[]): void {
    if (events.length === 0) return;
    const queued = this.events.get(personId) ?? new Map<string, RowEvents>();
    // The cell is a snapshot (a total, the latest activity): a later row for the same person replaces it.
    for (const event of events) queued.set(`${event.column}\u0000${event.value}`, event);
    this.events.set(personId, queued);
  }

  /** Imported events carry no time of their own: they are dated at the enquiry, never in the future. */
  private occurredAt(person: PersonState): Date {
    return new Date(Math.min(person.enquiredAt.getTime(), this.now.getTime()));
  }

  private index(person: PersonState): void {
    this.states.set(person.id, person);
    if (person.externalRef) this.byRef.set(person.externalRef, person);
    if (person.email) this.byEmail.set(person.email, person);
    if (person.phone) {
      const set = this.byPhone.get(person.phone) ?? new Set<PersonState>();
      set.add(person);
      this.byPhone.set(person.phone, set);
    }
  }

  private reindex(person: PersonState, update: PersonCreate): void {
    if (update.external_ref !== undefined) {
      if (person.externalRef && this.byRef.get(person.externalRef) === person) this.byRef.delete(person.externalRef);
      person.externalRef = update.external_ref ?? null;
    }
    if (update.email !== undefined) {
      if (person.email && this.byEmail.get(person.email) === person) this.byEmail.delete(person.email);
      person.email = normalizeOrNull(update.email);
    }
    if (update.phone !== undefined) {
      if (person.phone) this.byPhone.get(person.phone)?.delete(person);
      person.phone = update.phone ? normalizePhone(update.phone) : null;
    }
    this.index(person);
  }

  /** Stores everything queued: inserts first, then updates, then the events (which need both). */
  private async flush(): Promise<void> {
    const created = new Set(this.creates.keys());
    if (this.creates.size > 0) await this.insertPeople();
    if (this.updates.size > 0) await this.tx.execute(this.updateQuery());
    const consentChanged = [...this.updates].filter(([, patch]) => setsContactConsent(patch)).map(([id]) => id);
    await syncContactConsentRecords(this.tx, [...created, ...consentChanged], { source: 'import', at: this.now });

    const replaced: { person_id: string; column: string; value: string }[] = [];
    const inserted: Record<string, unknown>[] = [];
    let insertedCount = 0;
    for (const [personId, queued] of this.events) {
      const person = this.states.get(personId) as PersonState;
      for (const event of queued.values()) {
        if (!created.has(personId)) replaced.push({ person_id: personId, column: event.column, value: event.value });
        if (event.count === 0) continue;
        const metadata: Record<string, string | boolean> = { imported: true, timing: 'unknown', column: event.column };
        if (event.value) metadata.value = event.value;
        metadata.import_id = this.importId;
        inserted.push({
          person_id: personId,
          type: event.type,
          occurred_at: this.occurredAt(person).toISOString(),
          n: event.count,
          total: event.totalSeconds,
          metadata,
        });
        insertedCount += event.count;
      }
    }
    if (replaced.length > 0) {
      const [row] = await queryRows<{ own: number }>(
        this.tx,
        sql`with removed as (
              delete from engagement_events e
              using jsonb_to_recordset(${JSON.stringify(replaced)}::jsonb) as x(person_id uuid, "column" text, value text)
              where e.person_id = x.person_id and e.metadata->>'imported' = 'true'
                and e.metadata->>'column' = x."column" and coalesce(e.metadata->>'value', '') = x.value
              returning e.metadata->>'import_id' as import_id)
            select (count(*) filter (where import_id = ${this.importId}))::int as own from removed`,
      );
      // Events an earlier batch of this same import wrote and this batch replaced are not new any more.
      this.counts.engagement_events -= row?.own ?? 0;
    }
    if (inserted.length > 0) {
      // One row per (person, cell) goes over the wire; generate_series expands it into the N events, spreading
      // the total duration in whole seconds (the first `total % n` events get the extra second).
      await this.tx.execute(
        sql`insert into engagement_events (person_id, type, occurred_at, duration_seconds, metadata)
            select x.person_id, x.type, x.occurred_at,
                   case when x.total is null then null
                        else x.total / x.n + (case when g <= x.total % x.n then 1 else 0 end) end,
                   x.metadata
            from jsonb_to_recordset(${JSON.stringify(inserted)}::jsonb)
                   as x(person_id uuid, type text, occurred_at timestamptz, n int, total int, metadata jsonb)
            cross join lateral generate_series(1, x.n) as g`,
      );
      this.counts.engagement_events += insertedCount;
    }

    for (const id of created) {
      const person = this.states.get(id);
      if (!person) continue;
      person.pendingNew = false;
      const stored = personInsertValues(this.creates.get(id) as PersonCreate, this.now);
      person.stamps = {
        applied_at: stored.applied_at ?? null,
        offered_at: stored.offered_at ?? null,
        accepted_at: stored.accepted_at ?? null,
        enrolled_at: stored.enrolled_at ?? null,
      };
    }
    for (const person of this.states.values()) {
      person.storedEmail = person.email;
      person.storedExternalRef = person.externalRef;
    }
    this.creates.clear();
    this.updates.clear();
    this.events.clear();
    this.released.clear();
  }

  /**
   * Inserts the batch's new people with one JSON parameter per statement (a multi-row VALUES list of ~30
   * parameters a row costs twice as long to build and bind). Rows are grouped by the columns they set, so a
   * column a row leaves out still gets its database default.
   */
  private async insertPeople(): Promise<void> {
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const [id, input] of this.creates) {
      const row: Record<string, unknown> = { ...personInsertValues(input, this.now), id };
      for (const key of Object.keys(row)) if (row[key] === undefined) delete row[key];
      const columns = Object.keys(row).sort().join(',');
      groups.set(columns, [...(groups.get(columns) ?? []), row]);
    }
    for (const [key, rows] of groups) {
      const columns = key.split(',');
      for (const column of columns) {
        if (!INSERTABLE_COLUMNS.has(column)) throw new Error(`Not an insertable people column: ${column}`);
      }
      const list = sql.raw(columns.map((column) => `"${column}"`).join(', '));
      await this.tx.execute(
        sql`insert into people (${list})
            select ${list} from jsonb_populate_recordset(null::people, ${JSON.stringify(rows)}::jsonb)`,
      );
    }
  }

  /** One UPDATE for the whole batch: each patch says which columns it sets; the rest keep their value. */
  private updateQuery(): SQL {
    const patches = [...this.updates].map(([id, patch]) => ({ id, patch }));
    const keys = new Set(patches.flatMap(({ patch }) => Object.keys(patch)));
    const assignments: SQL[] = [];
    for (const [column, type] of Object.entries(PATCH_COLUMNS)) {
      if (!keys.has(column)) continue;
      assignments.push(
        sql.raw(
          `${column} = case when x.patch ? '${column}' then (x.patch->>'${column}')::${type} else p.${column} end`,
        ),
      );
    }
    if (keys.has('attributes'))
      assignments.push(sql.raw(`attributes = p.attributes || coalesce(x.patch->'attributes', '{}')`));
    if (keys.has('last_activity_at')) {
      assignments.push(
        sql.raw(
          `last_activity_at = greatest(p.last_activity_at, coalesce((x.patch->>'last_activity_at')::timestamptz, p.last_activity_at))`,
        ),
      );
    }
    assignments.push(sql`updated_at = ${this.now.toISOString()}::timestamptz`);
    return sql`update people p set ${sql.join(assignments, sql`, `)}
               from jsonb_to_recordset(${JSON.stringify(patches)}::jsonb) as x(id uuid, patch jsonb)
               where p.id = x.id`;
  }
}

function epochMs(column: SQL): SQL {
  return sql`(extract(epoch from ${column}) * 1000)::float8`;
}

function normalizeOrNull(email: string | null | undefined): string | null {
  return email ? normalizeEmail(email) : null;
}

function identity(input: PersonCreate): { ref: string | null; email: string | null; phone: string | null } {
  return {
    ref: input.external_ref ?? null,
    email: normalizeOrNull(input.email),
    phone: input.phone ? normalizePhone(input.phone) : null,
  };
}
