import type { Source, SourceOutcomes } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';

/**
 * Enrolments by source among people whose outcome is known (enrolled or lost): the evidence behind source quality.
 * Open leads are left out — counting them would make every young source look worse than it is.
 */
export async function sourceOutcomes(db: Tx): Promise<SourceOutcomes> {
  const rows = await queryRows<{ source: Source; leads: number; enrolled: number }>(
    db,
    sql`select source, count(*)::int as leads,
               count(*) filter (where lifecycle_stage = 'enrolled')::int as enrolled
        from people where lifecycle_stage in ('enrolled', 'lost') group by source`,
  );
  return Object.fromEntries(rows.map((row) => [row.source, { leads: row.leads, enrolled: row.enrolled }]));
}

/** Offers, acceptances and enrolments per course intake: the seats already spoken for. */
export async function committedSeats(db: Tx): Promise<Map<string, number>> {
  const rows = await queryRows<{ course_id: string; committed: number }>(
    db,
    sql`select course_id, count(*)::int as committed from people
        where course_id is not null and lifecycle_stage in ('offer', 'accepted', 'enrolled') group by course_id`,
  );
  return new Map(rows.map((row) => [row.course_id, row.committed]));
}
