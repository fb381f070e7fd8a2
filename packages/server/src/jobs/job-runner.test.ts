import { queryRows, seedDemoData, testDatabaseTargets } from '@ivy/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { JOBS } from './job-names';
import { createJobRunner, type JobLog, type JobRunner } from './job-runner';

const NOW = new Date('2026-11-23T12:00:00Z');

function recordingLog() {
  const lines: { level: 'info' | 'error'; message: string; details: unknown }[] = [];
  const log = {
    info: (details: unknown, message: string) => lines.push({ level: 'info', message, details }),
    error: (details: unknown, message: string) => lines.push({ level: 'error', message, details }),
  } as unknown as JobLog;
  return { log, lines };
}

describe.each(testDatabaseTargets())('background jobs on $label', (target) => {
  let database: Awaited<ReturnType<typeof target.open>>;
  let runner: JobRunner;
  const { log, lines } = recordingLog();

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 300, seed: 5, asOf: NOW });
    runner = createJobRunner({ database, config: loadConfig({}), now: () => NOW });
    await runner.start(log);
  });
  afterAll(async () => {
    await runner.stop();
    await database.close();
  });

  it('runs a queued triage refresh to completion: everyone scored, alerts swept', async () => {
    const id = await runner.queue.send(JOBS.triageRefresh);
    expect(id).toEqual(expect.any(String));
    expect(await runner.settled(JOBS.triageRefresh, id as string)).toBe('completed');
    const [row] = await queryRows<{ scored: number; people: number }>(
      database.db,
      sql`select (select count(*)::int from lead_scores) as scored, (select count(*)::int from people) as people`,
    );
    expect(row?.scored).toBe(row?.people);
    expect(lines.some((line) => line.message === 'triage refreshed')).toBe(true);
  });

  it('keeps the weekly optimiser, the refresh and the training watchdog on their schedules', async () => {
    const schedules = await database.executeSql('select name, cron, timezone from pgboss.schedule order by name');
    expect(schedules.rows).toEqual([
      { name: JOBS.gdprRetention, cron: '30 2 * * *', timezone: 'Europe/London' },
      { name: JOBS.mlWatchdog, cron: '*/5 * * * *', timezone: 'Europe/London' },
      { name: JOBS.triageRefresh, cron: '15 * * * *', timezone: 'Europe/London' },
      { name: JOBS.weightsOptimise, cron: '0 3 * * 1', timezone: 'Europe/London' },
    ]);
  });

  it('runs the optimiser as a job and records its decision', async () => {
    const id = await runner.queue.send(JOBS.weightsOptimise);
    expect(await runner.settled(JOBS.weightsOptimise, id as string)).toBe('completed');
    const optimised = lines.find((line) => line.message === 'scoring weights optimised');
    if (!optimised) throw new Error('the optimiser job logged no report');
    const { decision } = optimised.details as { decision: string };
    const audited = await database.executeSql('select decision from lead_scoring_weights_audit');
    // Too few outcomes decide nothing and record nothing; a decision is always recorded.
    expect(audited.rows).toEqual(decision === 'insufficient_data' ? [] : [{ decision }]);
  });
});
