import { RandomState, trainTestSplit } from '@ivy/ml';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../crm/vocabulary';
import type { LeadSignals } from './lead-signals';
import { HELD_OUT_FRACTION, MAX_WEIGHT_STEP, optimiseFactorWeights, type WeightsTrainingRow } from './optimise-weights';
import type { FactorWeights } from './score-lead';
import { FACTORS } from './vocabulary';

/** Leads whose enrolment depends on engagement alone; every other factor is noise. */
function engagementDrivenLeads(count: number, seed: number): WeightsTrainingRow[] {
  const random = new RandomState(seed);
  return Array.from({ length: count }, () => {
    const events = Math.floor(random.float() * 12);
    const signals: LeadSignals = {
      email: { present: true, valid: random.float() < 0.8 },
      phone: { present: true, valid: random.float() < 0.6 },
      contact_consent: random.float() < 0.5 ? true : null,
      source: SOURCES[Math.floor(random.float() * SOURCES.length)] ?? 'unknown',
      engagement: { web_visit: events, event_attended: events > 8 ? 1 : 0 },
      days_since_last_activity: random.float() * 60,
      course: random.float() < 0.5 ? { capacity: 50, committed: Math.floor(random.float() * 60) } : null,
    };
    const enrolled = random.float() < 1 / (1 + Math.exp(-(events - 7)));
    return { signals, enrolled };
  });
}

const courseFitHeavy: FactorWeights = {
  engagement: 0.1,
  recency: 0.15,
  source_quality: 0.15,
  contactability: 0.15,
  course_fit: 0.45,
};

function evaluated(result: ReturnType<typeof optimiseFactorWeights>) {
  if (result.kind !== 'evaluated') throw new Error(`expected an evaluation, got ${result.kind}`);
  return result;
}

describe('optimiseFactorWeights', () => {
  const leads = engagementDrivenLeads(2000, 3);

  it('moves weight towards the factor that predicts enrolment, by at most the step, and adopts it', () => {
    const result = evaluated(optimiseFactorWeights(leads, courseFitHeavy));
    expect(result.decision).toBe('adopted');
    expect(result.proposed.engagement).toBeGreaterThan(courseFitHeavy.engagement);
    expect(result.proposed.course_fit).toBeLessThan(courseFitHeavy.course_fit);
    expect(result.auc_proposed).toBeGreaterThanOrEqual(result.auc_current);
    expect(result.training_rows + result.held_out_rows).toBe(leads.length);
    const total = FACTORS.reduce((sum, factor) => sum + result.proposed[factor], 0);
    expect(total).toBeCloseTo(1, 3);
    for (const factor of FACTORS) {
      expect(Math.abs(result.proposed[factor] - courseFitHeavy[factor])).toBeLessThanOrEqual(MAX_WEIGHT_STEP + 1e-4);
    }
    expect(result.fitted.engagement).toBeGreaterThan(result.proposed.engagement);
  });

  it('rejects a refit that agrees with the current weights', () => {
    const first = evaluated(optimiseFactorWeights(leads, courseFitHeavy));
    const again = evaluated(optimiseFactorWeights(leads, first.fitted));
    expect(again.decision).toBe('rejected');
    expect(again.reason).toMatch(/nothing to change/);
  });

  it('rejects weights that would score the held-out leads worse, and names both AUCs', () => {
    // Training leads enrol when engaged; held-out leads (the same split the optimiser draws) when not.
    const labels = Float64Array.from({ length: 800 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const { test } = trainTestSplit(labels, { testFraction: HELD_OUT_FRACTION, stratify: true, randomState: 0 });
    const heldOut = new Set(test);
    const contrary = engagementDrivenLeads(labels.length, 9).map((lead, i) => {
      const enrolled = labels[i] === 1;
      const engaged = heldOut.has(i) ? !enrolled : enrolled;
      return { enrolled, signals: { ...lead.signals, engagement: { web_visit: engaged ? 10 : 1 } } };
    });
    const result = evaluated(optimiseFactorWeights(contrary, courseFitHeavy));
    expect(result.proposed.engagement).toBeGreaterThan(courseFitHeavy.engagement);
    expect(result.auc_proposed).toBeLessThan(result.auc_current);
    expect(result.decision).toBe('rejected');
    expect(result.reason).toContain(result.auc_proposed.toFixed(4));
    expect(result.reason).toContain(result.auc_current.toFixed(4));
  });

  it('is reproducible for a seed', () => {
    expect(optimiseFactorWeights(leads, courseFitHeavy, { randomState: 5 })).toEqual(
      optimiseFactorWeights(leads, courseFitHeavy, { randomState: 5 }),
    );
  });

  it('refuses to decide on too few outcomes', () => {
    const result = optimiseFactorWeights(leads.slice(0, 40), courseFitHeavy);
    expect(result.kind).toBe('insufficient_data');
  });
});
