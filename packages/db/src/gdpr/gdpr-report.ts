import { CONSENT_TYPES, type ConsentType, ERASURE_GROUNDS, type ErasureGround } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import { countPastRetention } from './retention';

const DAY_MS = 86_400_000;
export const GDPR_REPORT_WINDOW_DAYS = 30;

type RequestCounts = { total: number; by_ground: Record<ErasureGround, number> };

export type GdprReport = {
  generated_at: string;
  retention_days: number;
  people: { total: number; erased: number };
  consent_coverage: { consent_type: ConsentType; granted: number; share: number }[];
  expired_consents: number;
  withdrawn_last_30_days: number;
  past_retention_pending: number;
  exports: { last_30_days: number; all_time: number };
  erasures: { last_30_days: RequestCounts; all_time: RequestCounts };
  recent_requests: {
    id: string;
    kind: 'export' | 'erasure';
    ground: ErasureGround | null;
    person_id: string | null;
    requested_by: string | null;
    created_at: string;
    summary: Record<string, number>;
  }[];
};

/** The figures a data protection officer asks for, all from the database as it is now. */
export async function gdprReport(db: Tx, now: Date, retentionDays: number): Promise<GdprReport> {
  const since = new Date(now.getTime() - GDPR_REPORT_WINDOW_DAYS * DAY_MS);
  const [totals] = await queryRows<{ total: number; erased: number }>(
    db,
    sql`select count(*)::int as total,
          count(*) filter (where exists (
            select 1 from gdpr_requests g where g.kind = 'erasure' and g.person_id = people.id))::int as erased
        from people`,
  );
  // The current consent of a type is the latest record; it counts while granted and not expired.
  const current = sql`(select distinct on (person_id, consent_type) person_id, consent_type, granted, expires_at
      from consent_records order by person_id, consent_type, recorded_at desc, id desc)`;
  const coverage = await queryRows<{ consent_type: ConsentType; granted: number }>(
    db,
    sql`select consent_type, count(*)::int as granted from ${current} c
        where granted and (expires_at is null or expires_at > ${now}) group by consent_type`,
  );
  const [consentFigures] = await queryRows<{ expired: number; withdrawn: number }>(
    db,
    sql`select
          (select count(*)::int from ${current} c where granted and expires_at <= ${now}) as expired,
          (select count(*)::int from consent_records r
             where not r.granted and r.recorded_at >= ${since} and r.recorded_at <= ${now}
               and exists (select 1 from consent_records p where p.person_id = r.person_id
                 and p.consent_type = r.consent_type and p.granted and p.recorded_at <= r.recorded_at)) as withdrawn`,
  );
  const requestRows = await queryRows<{
    kind: 'export' | 'erasure';
    ground: ErasureGround | null;
    recent: number;
    total: number;
  }>(
    db,
    sql`select kind, ground, count(*) filter (where created_at >= ${since})::int as recent, count(*)::int as total
        from gdpr_requests group by kind, ground`,
  );
  const recent = await queryRows<{
    id: string;
    kind: 'export' | 'erasure';
    ground: ErasureGround | null;
    person_id: string | null;
    requested_by: string | null;
    created_at: Date | string;
    summary: Record<string, number>;
  }>(
    db,
    sql`select g.id, g.kind, g.ground, g.person_id, u.full_name as requested_by, g.created_at, g.summary
        from gdpr_requests g left join users u on u.id = g.requested_by
        order by g.created_at desc, g.id desc limit 20`,
  );

  const peopleTotal = totals?.total ?? 0;
  const erasures = (pick: 'recent' | 'total'): RequestCounts => {
    const byGround = Object.fromEntries(ERASURE_GROUNDS.map((ground) => [ground, 0])) as Record<ErasureGround, number>;
    for (const row of requestRows) if (row.kind === 'erasure' && row.ground) byGround[row.ground] += row[pick];
    return { total: Object.values(byGround).reduce((a, b) => a + b, 0), by_ground: byGround };
  };
  const exports = (pick: 'recent' | 'total') =>
    requestRows.filter((row) => row.kind === 'export').reduce((sum, row) => sum + row[pick], 0);
  return {
    generated_at: now.toISOString(),
    retention_days: retentionDays,
    people: { total: peopleTotal, erased: totals?.erased ?? 0 },
    consent_coverage: CONSENT_TYPES.map((consent_type) => {
      const granted = coverage.find((row) => row.consent_type === consent_type)?.granted ?? 0;
      return { consent_type, granted, share: peopleTotal > 0 ? granted / peopleTotal : 0 };
    }),
    expired_consents: consentFigures?.expired ?? 0,
    withdrawn_last_30_days: consentFigures?.withdrawn ?? 0,
    past_retention_pending: await countPastRetention(db, retentionDays, now),
    exports: { last_30_days: exports('recent'), all_time: exports('total') },
    erasures: { last_30_days: erasures('recent'), all_time: erasures('total') },
    recent_requests: recent.map((row) => ({ ...row, created_at: new Date(row.created_at).toISOString() })),
  };
}
