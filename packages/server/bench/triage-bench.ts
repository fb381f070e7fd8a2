import {
  DEFAULT_FACTOR_WEIGHTS,
  ENGAGEMENT_TYPES,
  type EngagementType,
  type LeadSignals,
  quickScore,
  type ScoringContext,
  SOURCES,
  type Source,
  scoreLead,
  scoringContext,
} from '@ivy/core';
import { type Database, queryRows, refreshTriage, rescorePeople } from '@ivy/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { rawLeadSchema } from '../src/triage/raw-lead';
import { type BenchApp, latencyRow, measure, throughputRow } from './bench-targets';

/** Leads per triage request, as the clients send them. */
const LEADS_PER_REQUEST = 100;
const WARM_UP_REQUESTS = 20;
const ALERT_SLA_HOURS = 24;

/** mulberry32: a seeded generator, so every run scores the same leads. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Draw = {
  chance(p: number): boolean;
  integer(below: number): number;
  source(): Source;
  engagement(): Partial<Record<EngagementType, number>>;
  days(): number | null;
  course(): { capacity: number | null; committed: number } | null;
};

/** Leads spread over everything the factors look at: missing and invalid contacts, every source, busy and silent. */
function draw(seed: number): Draw {
  const next = random(seed);
  const chance = (p: number) => next() < p;
  const integer = (below: number) => Math.floor(next() * below);
  return {
    chance,
    integer,
    source: () => SOURCES[integer(SOURCES.length)] ?? 'unknown',
    engagement() {
      const counts: Partial<Record<EngagementType, number>> = {};
      if (chance(0.25)) return counts;
      for (const type of ENGAGEMENT_TYPES) if (chance(0.5)) counts[type] = 1 + integer(12);
      return counts;
    },
    days: () => (chance(0.1) ? null : Math.round(-Math.log(1 - next()) * 30 * 10) / 10),
    course() {
      if (chance(0.2)) return null;
      const capacity = chance(0.1) ? null : 20 + integer(180);
      return { capacity, committed: integer((capacity ?? 100) + 20) };
    },
  };
}

function leadSignals(count: number): LeadSignals[] {
  const d = draw(11);
  return Array.from({ length: count }, () => {
    const hasEmail = d.chance(0.9);
    const hasPhone = d.chance(0.7);
    return {
      email: { present: hasEmail, valid: hasEmail && d.chance(0.9) },
      phone: { present: hasPhone, valid: hasPhone && d.chance(0.8) },
      contact_consent: d.chance(0.5) ? true : d.chance(0.9) ? null : false,
      source: d.source(),
      engagement: d.engagement(),
      days_since_last_activity: d.days(),
      course: d.course(),
    };
  });
}

type RawLeadBody = z.input<typeof rawLeadSchema>;

/** Half in the seed's bare shape (id, has_email, has_phone, source), half with everything a client may know. */
function rawLeads(d: Draw, request: number): RawLeadBody[] {
  return Array.from({ length: LEADS_PER_REQUEST }, (_, i) => {
    const bare = { id: `lead-${request}-${i}`, has_email: d.chance(0.9), has_phone: d.chance(0.7), source: d.source() };
    if (i % 2 === 0) return bare;
    return {
      ...bare,
      email_valid: bare.has_email && d.chance(0.9),
      phone_valid: bare.has_phone && d.chance(0.8),
      contact_consent: d.chance(0.5) ? true : null,
      engagement: d.engagement(),
      days_since_last_activity: d.days(),
      course: d.course(),
    };
  });
}

/** Enrolment outcomes per source, so source rates differ from the priors as they do on a live system. */
function benchContext(): ScoringContext {
  const d = draw(13);
  const outcomes = Object.fromEntries(
    SOURCES.map((source) => {
      const leads = d.integer(5000);
      return [source, { leads, enrolled: d.integer(Math.ceil(leads * 0.3)) }];
    }),
  );
  return scoringContext(DEFAULT_FACTOR_WEIGHTS, outcomes);
}

/** Best of three passes over every lead, after a warm-up pass, so the JIT has settled and a busy moment is not it. */
function timeScoring(leads: readonly LeadSignals[], score: (signals: LeadSignals) => number): number {
  let checksum = 0;
  for (let i = 0; i < Math.min(leads.length, 100_000); i++) checksum += score(leads[i] as LeadSignals);
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const lead of leads) checksum += score(lead);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  // The scores feed a sum that is checked, so no pass can be optimised away.
  if (!Number.isFinite(checksum)) throw new Error('scores are not finite');
  return best;
}

/** The scoring core on its own, in this process: no database, no HTTP. */
export function benchScoringCore(count: number) {
  const leads = leadSignals(count);
  const context = benchContext();
  const quick = timeScoring(leads, (signals) => quickScore(signals, context).score);
  const full = timeScoring(leads, (signals) => scoreLead(signals, context).score);
  console.log(`\nScoring core in-process: ${count.toLocaleString('en-GB')} varied leads, best of 3 passes`);
  console.log(throughputRow('quickScore (points, score, band, action; bulk rescoring)', count, quick, 'leads'));
  console.log(throughputRow('scoreLead (with factors and reasons in words)', count, full, 'leads'));
}

/** `POST /ai/triage/leads` with 100 raw leads, and with 100 stored people (which stores scores and syncs alerts). */
export async function benchTriageRequests(database: Database, app: BenchApp, requests: number) {
  const d = draw(17);
  const raw = Array.from({ length: requests + WARM_UP_REQUESTS }, (_, r) => ({
    path: '/ai/triage/leads',
    body: JSON.stringify({ leads: rawLeads(d, r) }),
  }));
  const ids = (
    await queryRows<{ id: string }>(
      database.db,
      sql`select id from people order by md5(id::text) limit ${(requests + WARM_UP_REQUESTS) * LEADS_PER_REQUEST}`,
    )
  ).map((row) => row.id);
  const stored = Array.from({ length: requests + WARM_UP_REQUESTS }, (_, r) => ({
    path: '/ai/triage/leads',
    body: JSON.stringify({
      lead_ids: Array.from(
        { length: LEADS_PER_REQUEST },
        (_, i) => ids[(r * LEADS_PER_REQUEST + i) % ids.length] as string,
      ),
    }),
  }));
  await measure(app, [...raw.slice(0, WARM_UP_REQUESTS), ...stored.slice(0, WARM_UP_REQUESTS)]);
  console.log(latencyRow('POST /ai/triage/leads, 100 raw leads', await measure(app, raw.slice(WARM_UP_REQUESTS))));
  console.log(
    latencyRow(
      'POST /ai/triage/leads, 100 stored people (stores, syncs alerts)',
      await measure(app, stored.slice(WARM_UP_REQUESTS)),
    ),
  );
}

/**
 * Rescoring every person, then the full refresh twice: the first raises every alert the seed's leads call for, the
 * second is the steady state of a refresh that finds little changed.
 */
export async function benchRescoring(database: Database) {
  const now = new Date();
  const audit = { actor: { id: null, label: 'ivy bench' }, at: now };
  const rescore = await rescorePeople(database.db, { now });
  console.log(throughputRow('rescorePeople (every person)', rescore.scored, rescore.seconds, 'people'));
  for (const run of ['first: raises alerts', 'again: steady state']) {
    const started = performance.now();
    const report = await refreshTriage(database.db, { now, audit, slaHours: ALERT_SLA_HOURS });
    const seconds = (performance.now() - started) / 1000;
    console.log(throughputRow(`refreshTriage (${run})`, report.scores.scored, seconds, 'people'));
    console.log(
      `    of which scoring and storing scores ${report.scores.seconds.toFixed(3)} s; alerts: ${report.alerts.raised} raised, ${report.alerts.updated} updated, ${report.alerts.resolved} resolved; ${report.escalated} escalated`,
    );
  }
}
