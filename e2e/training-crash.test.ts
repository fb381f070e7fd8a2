import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A server killed (SIGKILL: no clean-up at all) while it trains a model, then started again on the same embedded
 * database: the registry must hold no half-registered model, the job must say it failed, and training must work again.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = { email: 'admin@demo.ivy', password: 'ivy-demo' };
const dataDir = mkdtempSync(join(tmpdir(), 'ivy-crash-'));

type Job = { id: string; status: string; progress: number; error: string | null; model_id: string | null };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The embedded database is the one a single process owns; a PostgreSQL server in the environment is not wanted. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['packages/server/bin/ivy.mjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...withoutDatabaseUrl(process.env),
      PORT: String(port),
      IVY_DATA_DIR: dataDir,
      IVY_SEED_PEOPLE: '3000',
      IVY_AUTO_TRAIN: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('server did not start within 2 minutes');
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
  );
}

async function client(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let server: ChildProcess | undefined;

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await stopped(server);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('A server killed while training', () => {
  let killedJob = '';

  it('is killed while a model trains in its worker thread', async () => {
    const port = await freePort();
    server = await startServer(port);
    const api = await client(port);
    expect((await api<{ models: unknown[] }>('/ai/advanced-ml/models')).models).toEqual([]);
    const queued = await api<Job>('/ai/advanced-ml/train', {
      config: { model_type: 'ensemble', cross_validation_folds: 5 },
      save_model: true,
    });
    killedJob = queued.id;
    // Past reading the snapshots: the estimators are being fitted in the worker.
    await until(
      () => api<Job>(`/ai/advanced-ml/jobs/${killedJob}`),
      (job) => job.status === 'running' && job.progress > 0.1,
      120_000,
    );
    server.kill('SIGKILL');
    await stopped(server);
  });

  it('comes back with the job failed, no model registered, and trains again', async () => {
    const port = await freePort();
    server = await startServer(port);
    const api = await client(port);
    const job = await api<Job>(`/ai/advanced-ml/jobs/${killedJob}`);
    expect(job).toMatchObject({ status: 'failed', model_id: null, error: expect.stringMatching(/Interrupted/) });
    expect((await api<{ models: unknown[] }>('/ai/advanced-ml/models')).models).toEqual([]);

    const again = await api<Job>('/ai/advanced-ml/train', {
      config: { model_type: 'logistic_regression', cross_validation_folds: 3 },
      training_data_limit: 3000,
      save_model: true,
    });
    const done = await until(
      () => api<Job>(`/ai/advanced-ml/jobs/${again.id}`),
      (j) => j.status === 'completed' || j.status === 'failed',
      180_000,
    );
    expect(done).toMatchObject({ status: 'completed', model_id: expect.any(String) });
    const { models } = await api<{ models: { id: string }[] }>('/ai/advanced-ml/models');
    expect(models.map((model) => model.id)).toEqual([done.model_id]);
  });
});
