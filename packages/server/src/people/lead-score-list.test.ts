import { rescorePeople, seedDemoData, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

type Page = {
  items: { id: string; score: { score: number; band: string } | null }[];
  total: number;
  next_cursor: string | null;
};

describe.each(testDatabaseTargets())('leads by triage score on $label', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemoData(t.database.db, { people: 120, seed: 9, asOf: TEST_NOW });
    await rescorePeople(t.database.db, { now: TEST_NOW });
  });
  afterAll(() => t.close());

  const page = async (query: string) => {
    const response = await t.request({ method: 'GET', url: `/people/leads?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as Page;
  };

  it('pages through every lead from the highest score down, by cursor', async () => {
    const scores: number[] = [];
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const current: Page = await page(`sort=-score&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const item of current.items) {
        ids.add(item.id);
        scores.push(item.score?.score ?? -1);
      }
      cursor = current.next_cursor;
    } while (cursor);
    expect(ids.size).toBe(120);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((score) => score >= 0)).toBe(true);
  });

  it('filters by band, and the total counts only that band', async () => {
    const high = await page('band=high&limit=200');
    const all = await page('limit=200');
    expect(high.total).toBeGreaterThan(0);
    expect(high.total).toBeLessThan(all.total);
    expect(high.items.every((item) => item.score?.band === 'high')).toBe(true);
    const lowOrMedium = await page('band=low,medium&limit=1');
    expect(lowOrMedium.total + high.total).toBe(all.total);
  });
});
