import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';

export type GdprCounts = {
  people: number;
  erased_people: number;
  consent_records: number;
  export_requests: number;
  erasure_requests: number;
  last_erasure_at: string | null;
};

/** What the privacy health check reports: how much personal data and consent Ivy holds, and what was erased. */
export async function gdprCounts(db: Tx): Promise<GdprCounts> {
  const [row] = await queryRows<Omit<GdprCounts, 'last_erasure_at'> & { last_erasure_at: Date | string | null }>(
    db,
    sql`select
          (select count(*)::int from people) as people,
          (select count(distinct person_id)::int from gdpr_requests where kind = 'erasure') as erased_people,
          (select count(*)::int from consent_records) as consent_records,
          (select count(*)::int from gdpr_requests where kind = 'export') as export_requests,
          (select count(*)::int from gdpr_requests where kind = 'erasure') as erasure_requests,
          (select max(created_at) from gdpr_requests where kind = 'erasure') as last_erasure_at`,
  );
  return {
    people: row?.people ?? 0,
    erased_people: row?.erased_people ?? 0,
    consent_records: row?.consent_records ?? 0,
    export_requests: row?.export_requests ?? 0,
    erasure_requests: row?.erasure_requests ?? 0,
    last_erasure_at: row?.last_erasure_at ? new Date(row.last_erasure_at).toISOString() : null,
  };
}
