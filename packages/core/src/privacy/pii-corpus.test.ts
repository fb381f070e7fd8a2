import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii';
import { PII_CORPUS, parseAnnotated } from './pii-corpus';
import { PII_TYPES, type PiiType } from './vocabulary';

interface Counts {
  predicted: number;
  correctPredictions: number;
  expected: number;
  found: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** Per type: a prediction is correct when it overlaps a labelled span of its type; a label is found likewise. */
function evaluate(): { counts: Record<PiiType, Counts>; errors: string[] } {
  const counts = Object.fromEntries(
    PII_TYPES.map((t) => [t, { predicted: 0, correctPredictions: 0, expected: 0, found: 0 }]),
  ) as Record<PiiType, Counts>;
  const errors: string[] = [];
  for (const line of PII_CORPUS) {
    const { text, spans } = parseAnnotated(line);
    const matches = detectPii(text, { referenceYear: 2026 });
    for (const m of matches) {
      counts[m.type].predicted++;
      if (spans.some((s) => s.type === m.type && overlaps(s, m))) counts[m.type].correctPredictions++;
      else errors.push(`FP ${m.type} ${JSON.stringify(m.value)} (${m.detector}) in ${JSON.stringify(text)}`);
    }
    for (const s of spans) {
      counts[s.type].expected++;
      if (matches.some((m) => m.type === s.type && overlaps(s, m))) counts[s.type].found++;
      else errors.push(`FN ${s.type} ${JSON.stringify(text.slice(s.start, s.end))} in ${JSON.stringify(text)}`);
    }
  }
  return { counts, errors };
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

describe('detection on the labelled admissions corpus', () => {
  const { counts, errors } = evaluate();
  const rows = PII_TYPES.map((type) => {
    const c = counts[type];
    return {
      type,
      labelled: c.expected,
      predicted: c.predicted,
      precision: Number(ratio(c.correctPredictions, c.predicted).toFixed(3)),
      recall: Number(ratio(c.found, c.expected).toFixed(3)),
    };
  });

  it('reports precision and recall per type', () => {
    console.table(rows);
    if (process.env.PII_CORPUS_ERRORS) console.log(errors.join('\n'));
    expect(PII_CORPUS.length).toBeGreaterThanOrEqual(150);
    for (const type of PII_TYPES) expect(counts[type].expected, type).toBeGreaterThanOrEqual(5);
  });

  it.each(PII_TYPES.filter((t) => t !== 'name' && t !== 'address'))('%s: precision and recall at least 0.9', (type) => {
    const row = rows.find((r) => r.type === type);
    expect(row?.precision).toBeGreaterThanOrEqual(0.9);
    expect(row?.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('names and addresses: precision and recall at least 0.8', () => {
    for (const type of ['name', 'address'] as const) {
      const row = rows.find((r) => r.type === type);
      expect(row?.precision, type).toBeGreaterThanOrEqual(0.8);
      expect(row?.recall, type).toBeGreaterThanOrEqual(0.8);
    }
  });
});
