import { describe, expect, it } from 'vitest';
import {
  activeAlerts,
  bySeverity,
  confidenceLabel,
  confidenceLevel,
  factorShare,
  formatEta,
  formatGain,
  formatPercent,
  formatScore,
} from './triage-format';
import type { AlertSummary } from './triage-types';

function alert(id: string, overrides: Partial<AlertSummary>): AlertSummary {
  return {
    id,
    type: 'data_completeness',
    severity: 'medium',
    level: 1,
    status: 'open',
    title: id,
    description: '',
    action_required: '',
    ...overrides,
  };
}

describe('numbers', () => {
  it('shows scores with one decimal at most', () => {
    expect(formatScore(68.24)).toBe('68.2');
    expect(formatScore(69)).toBe('69');
    expect(formatGain(32.75)).toBe('+32.8');
    expect(formatGain(-1)).toBe('+0');
  });

  it('shows fractions as whole percentages, clamped to 0–100', () => {
    expect(formatPercent(0.923)).toBe('92%');
    expect(formatPercent(0.005)).toBe('1%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatPercent(-0.1)).toBe('0%');
  });

  it('fills factor bars in proportion to the points, within the bar', () => {
    expect(factorShare(7.1, 20)).toBeCloseTo(35.5);
    expect(factorShare(15, 15)).toBe(100);
    expect(factorShare(21, 20)).toBe(100);
    expect(factorShare(3, 0)).toBe(0);
  });
});

describe('confidence', () => {
  it('names the level at the thresholds', () => {
    expect(confidenceLevel(0.75)).toBe('high');
    expect(confidenceLevel(0.7499)).toBe('moderate');
    expect(confidenceLevel(0.5)).toBe('moderate');
    expect(confidenceLevel(0.49)).toBe('low');
    expect(confidenceLabel(0.77)).toBe('High confidence · 77%');
    expect(confidenceLabel(0.3)).toBe('Low confidence · 30%');
  });
});

describe('formatEta', () => {
  it('gives days, or says it is too early when the forecast has no ETA', () => {
    expect(formatEta(37)).toBe('37 days');
    expect(formatEta(1)).toBe('1 day');
    expect(formatEta(0)).toBe('0 days');
    expect(formatEta(null)).toBe('Too early to estimate');
  });
});

describe('ordering', () => {
  it('puts the most severe blockers first and keeps the order of equals', () => {
    const sorted = bySeverity([
      { severity: 'low', id: 'a' },
      { severity: 'high', id: 'b' },
      { severity: 'critical', id: 'c' },
      { severity: 'high', id: 'd' },
    ] as const);
    expect(sorted.map((item) => item.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('keeps unresolved alerts, highest level first, then most severe', () => {
    const alerts = [
      alert('low-1', { level: 1, severity: 'low' }),
      alert('done', { level: 3, status: 'resolved' }),
      alert('medium-3', { level: 3, severity: 'medium' }),
      alert('critical-3', { level: 3, severity: 'critical', status: 'acknowledged' }),
      alert('high-2', { level: 2, severity: 'high' }),
    ];
    expect(activeAlerts(alerts).map((item) => item.id)).toEqual(['critical-3', 'medium-3', 'high-2', 'low-1']);
  });
});
