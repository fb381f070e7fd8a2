import { type QuickScore, quickScore } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { leadSignalsPage } from './lead-signals';
import { prepareTriageRun } from './triage-run';

export type ScoreRow = { person_id: string } & Pick<QuickScore, 'score' | 'band' | 'action' | 'confidence' | 'points'>;

/** Upserts a batch of scores in one statement, each naming the weights version that produced it. */
export async function storeScores(db: Tx, rows: readonly ScoreRow[], { version, now }: { version: number; now: Date }) {
  const payload = rows.map(({ person_id, score, band, action, confidence, points }) => ({
    person_id,
    score,
    band,
    action,
    confidence,
    points,
  }));
  // One JSON parameter carries the batch: both drivers pass it as is, where arrays would be expanded.
  await db.execute(sql`
    insert into lead_scores (person_id, score, band, action, confidence, points, weights_version, scored_at)
    select person_id, score, band, action, confidence, points, ${version}, ${now}
    from json_to_recordset(${JSON.stringify(payload)}::json)
      as t(person_id uuid, score float8, band text, action text, confidence float8, points jsonb)
    on conflict (person_id) do update set
      score = excluded.score, band = excluded.band, action = excluded.action, confidence = excluded.confidence,
      points = excluded.points, weights_version = excluded.weights_version, scored_at = excluded.scored_at`);
}

export type RescoreReport = { scored: number; weights_version: number; seconds: number };

/**
 * Scores every person with the active weights and stores the result, a page at a time: one query reads a page's
 * signals, one statement upserts its scores. Each page is its own short transaction (PGlite has one connection),
 * and every stored score names the weights version, so a rescore interrupted halfway leaves consistent rows.
 */
export async function rescorePeople(
  db: Tx,
  { now, pageSize = 2000 }: { now: Date; pageSize?: number },
): Promise<RescoreReport> {
  const started = performance.now();
  const { weightsVersion: version, context, committed } = await prepareTriageRun(db);
  let after: string | null = null;
  let scored = 0;
  for (;;) {
    const page = await leadSignalsPage(db, { after, limit: pageSize, now, committed });
    if (page.length === 0) break;
    await storeScores(
      db,
      page.map((lead) => ({ person_id: lead.id, ...quickScore(lead.signals, context) })),
      { version, now },
    );
    scored += page.length;
    after = page[page.length - 1]?.id ?? null;
  }
  return { scored, weights_version: version, seconds: (performance.now() - started) / 1000 };
}
