import { describe, expect, it } from 'vitest';
import { explainScore } from './explain-score';
import { scoreLead, scoringContext } from './score-lead';

describe('explainScore', () => {
  it('names the score, its strongest and weakest factors, and the next step', () => {
    const score = scoreLead(
      {
        email: { present: true, valid: true },
        phone: { present: false, valid: false },
        contact_consent: true,
        source: 'referral',
        engagement: {},
        days_since_last_activity: 60,
        course: null,
      },
      scoringContext(),
    );
    expect(explainScore(score)).toBe(
      `Scored ${score.score} of 100 (low). Strongest: source "referral" enrols 30% (sector estimate, no outcomes yet). ` +
        'Holding it back: no course of interest recorded. Next: re-engage them.',
    );
  });
});
