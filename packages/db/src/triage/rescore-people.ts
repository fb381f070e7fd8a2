import { type QuickScore, quickScore } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { forEachSignalsPage, type StoredLeadSignals } from './lead-signals';
import { prepareTriageRun, type TriageRun } from './triage-run';

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

/** Scores one page of people with the run's weights and upserts the scores in one statement. */
export async function scorePage(db: Tx, page: readonly StoredLeadSignals[], run: TriageRun, now: Date) {
  await storeScores(
    db,
    page.map((lead) => ({ person_id: lead.id, ...quickScore(lead.signals, run.context) })),
    { version: run.weightsVersion, now },
  );
}

/**
 * Scores every person with the active weights and stores the result, a page at a time: one query reads a page's
 * signals, one statement upserts its scores. Every stored score names the weights version, so a rescore
 * interrupted halfway leaves consistent rows.
 */
export async function rescorePeople(
  db: Tx,
  { now, pageSize = 2000 }: { now: Date; pageSize?: number },
): Promise<RescoreReport> {
  const started = performance.now();
  const run = await prepareTriageRun(db);
  let scored = 0;
  await forEachSignalsPage(db, { now, committed: run.committed, pageSize }, async (page) => {
    await scorePage(db, page, run, now);
    scored += page.length;
  });
  return { scored, weights_version: run.weightsVersion, seconds: (performance.now() - started) / 1000 };
}
