import { countPastRetention, seedDemoData, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { JOBS } from '../jobs/job-names';
import { createJobRunner, type JobLog, type JobRunner } from '../jobs/job-runner';

const NOW = new Date('2026-11-23T12:00:00Z');
const RETENTION_DAYS = 700;

describe.each(testDatabaseTargets())('the retention job on $label', (target) => {
  let database: Awaited<ReturnType<typeof target.open>>;
  let runner: JobRunner;
  const lines: { message: string; details: unknown }[] = [];
  const log = {
    info: (details: unknown, message: string) => lines.push({ message, details }),
    error: (details: unknown, message: string) => lines.push({ message, details }),
  } as unknown as JobLog;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 300, seed: 5, asOf: NOW });
    const config = loadConfig({ IVY_RETENTION_DAYS: String(RETENTION_DAYS), IVY_RETENTION_CRON: '45 1 * * *' });
    runner = createJobRunner({ database, config, now: () => NOW });
    await runner.start(log);
  }, 120_000);
  afterAll(async () => {
    await runner.stop();
    await database.close();
  });

  it('is scheduled daily on its configured cron', async () => {
    const schedules = await database.executeSql(
      `select cron, timezone from pgboss.schedule where name = '${JOBS.gdprRetention}'`,
    );
    expect(schedules.rows).toEqual([{ cron: '45 1 * * *', timezone: 'Europe/London' }]);
  });

  it('erases everyone past retention, logs its report, and finds nothing the next time', async () => {
    const due = await countPastRetention(database.db, RETENTION_DAYS, NOW);
    expect(due).toBeGreaterThan(0);
    const first = await runner.queue.send(JOBS.gdprRetention);
    expect(await runner.settled(JOBS.gdprRetention, first as string)).toBe('completed');
    expect(await countPastRetention(database.db, RETENTION_DAYS, NOW)).toBe(0);
    const second = await runner.queue.send(JOBS.gdprRetention);
    expect(await runner.settled(JOBS.gdprRetention, second as string)).toBe('completed');
    const reports = lines.filter((line) => line.message === 'records past retention erased').map((l) => l.details);
    expect(reports).toEqual([
      expect.objectContaining({ retention_days: RETENTION_DAYS, erased: due, failed: [] }),
      expect.objectContaining({ erased: 0, rows: {}, failed: [] }),
    ]);
  }, 120_000);
});
