import { describe, expect, it } from 'vitest';
import { stageProgress } from './stage-progress';

const none = {
  enquired_at: null,
  applied_at: null,
  offered_at: null,
  accepted_at: null,
  enrolled_at: null,
  lost_at: null,
  lost_reason: null,
};

describe('stageProgress', () => {
  it('marks earlier stages complete, the current one current and later ones upcoming', () => {
    const progress = stageProgress({
      ...none,
      lifecycle_stage: 'offer',
      enquired_at: '2025-10-01T10:00:00Z',
      applied_at: '2026-01-10T10:00:00Z',
      offered_at: '2026-02-01T10:00:00Z',
    });
    expect(progress.steps.map((step) => [step.stage, step.state])).toEqual([
      ['enquirer', 'complete'],
      ['applicant', 'complete'],
      ['offer', 'current'],
      ['accepted', 'upcoming'],
      ['enrolled', 'upcoming'],
    ]);
    expect(progress.steps[1]?.date).toBe('2026-01-10T10:00:00Z');
    expect(progress.lost).toBeNull();
  });

  it('counts a skipped stage as passed even without a date', () => {
    const progress = stageProgress({ ...none, lifecycle_stage: 'accepted', enquired_at: '2025-10-01T10:00:00Z' });
    expect(progress.steps[2]).toEqual({ stage: 'offer', state: 'complete', date: null });
  });

  it('shows an enrolled lead as having completed the whole path', () => {
    const progress = stageProgress({ ...none, lifecycle_stage: 'enrolled' });
    expect(progress.steps.every((step) => step.state === 'complete')).toBe(true);
  });

  it('keeps the stages a lost lead reached, and why it was lost', () => {
    const progress = stageProgress({
      ...none,
      lifecycle_stage: 'lost',
      enquired_at: '2025-10-01T10:00:00Z',
      applied_at: '2026-01-10T10:00:00Z',
      lost_at: '2026-02-20T10:00:00Z',
      lost_reason: 'Chose another university',
    });
    expect(progress.steps.map((step) => step.state)).toEqual([
      'complete',
      'complete',
      'not_reached',
      'not_reached',
      'not_reached',
    ]);
    expect(progress.lost).toEqual({
      date: '2026-02-20T10:00:00Z',
      reason: 'Chose another university',
      after: 'applicant',
    });
  });
});
