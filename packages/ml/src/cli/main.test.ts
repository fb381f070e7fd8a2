import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomState } from '../random';

const CLI = fileURLToPath(new URL('../../bin/ivy-ml.mjs', import.meta.url));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ivy-ml cv', () => {
  let directory = '';
  let csv = '';

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'ivy-ml-cli-'));
    csv = join(directory, 'leads.csv');
    const random = new RandomState(5);
    const sources = ['Google', 'Referral', 'Olark Chat', 'Select'];
    const lines = ['id;source;visits;minutes;enrolled'];
    for (let i = 0; i < 300; i++) {
      const source = sources[random.int(sources.length)] as string;
      const visits = random.int(10);
      const visitsCell = random.float() < 0.05 ? 'unknown' : String(visits);
      const minutes = random.float() < 0.1 ? '' : String(Math.round(random.float() * 600));
      const signal = (source === 'Referral' ? 2 : 0) + visits / 2 + 0.7 * random.normal();
      lines.push(`${i};${source};${visitsCell};${minutes};${signal > 3 ? 'yes' : 'no'}`);
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('prints one JSON line with the cross-validated AUC and timings', () => {
    const result = run('cv', '--csv', csv, '--sep', ';', '--target', 'enrolled', '--positive', 'yes', '--drop', 'id');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] as string);
    expect(summary).toMatchObject({ model: 'gbdt', rows: 300 });
    // "unknown" makes visits a text column: 11 one-hot columns, 4 for source, and minutes.
    expect(summary.features).toBe(16);
    expect(summary.auc).toBeGreaterThan(0.7);
    expect(summary.aucStd).toBeGreaterThanOrEqual(0);
    expect(summary.fitSecondsMedian).toBeGreaterThan(0);
    expect(summary.predictRowsPerSecond).toBeGreaterThan(0);
  });

  it('reads --na placeholders as missing and runs every model', () => {
    for (const model of ['rf', 'logreg']) {
      const result = run(
        'cv',
        ...['--csv', csv, '--sep', ';', '--target', 'enrolled', '--drop', 'id', '--na', 'unknown,Select'],
        ...['--model', model, '--folds', '3', '--seed', '2'],
      );
      expect(result.code, result.stderr).toBe(0);
      // visits and minutes numeric; source: Google, Referral, Olark Chat, and missing (was Select).
      expect(JSON.parse(result.stdout)).toMatchObject({ model, features: 6 });
    }
  });

  it('answers bad input with one line on stderr and exit code 2', () => {
    const cases = [
      { args: ['--csv', join(directory, 'missing.csv'), '--target', 'x'], message: /no such file/ },
      { args: ['--csv', csv, '--sep', ';', '--target', 'outcome'], message: /no column "outcome"/ },
      { args: ['--csv', csv, '--sep', ';', '--target', 'enrolled', '--positive', 'maybe'], message: /maybe/ },
      { args: ['--csv', csv, '--sep', ';', '--target', 'enrolled', '--model', 'svm'], message: /svm/ },
      { args: ['--csv', csv, '--sep', ';', '--target', 'enrolled', '--folds', '1'], message: /folds/ },
    ];
    for (const { args, message } of cases) {
      const result = run('cv', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
