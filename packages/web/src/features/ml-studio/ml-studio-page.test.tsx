import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '@/app/require-auth';
import type { Me } from '@/features/auth/me';
import type { MlHealth } from '@/features/ml/types';
import { MlStudioPage } from './ml-studio-page';
import type { ModelMetrics, ModelSummary, TrainingJob } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const admin: Me = {
  id: 'a0000000-0000-4000-8000-000000000001',
  email: 'admin@demo.ivy',
  full_name: 'Alex Admin',
  role: 'admin',
  team: null,
  department: null,
  data_scope: 'all',
  permissions: ['ai_forecasting', 'ai_analytics', 'ai_model_training'],
};

const manager: Me = { ...admin, id: 'm1', role: 'manager', permissions: ['ai_forecasting', 'ai_analytics'] };

const health: MlHealth = {
  status: 'ready',
  active_model: { id: 'model-b', algorithm: 'gradient_boosting', cv_roc_auc: 0.81, trained_at: '2026-11-20T09:00:00Z' },
  training: null,
};

function metrics(overrides: Partial<ModelMetrics>): ModelMetrics {
  return {
    cv_roc_auc: 0.8,
    cv_roc_auc_std: 0.01,
    pr_auc: 0.5,
    brier: 0.1,
    ece: 0.02,
    log_loss: 0.3,
    rows: 4000,
    positives: 800,
    folds: 5,
    ...overrides,
  };
}

function model(id: string, algorithm: ModelSummary['algorithm'], m: Partial<ModelMetrics>, active = false) {
  return {
    id,
    algorithm,
    input_features: ['stage', 'source'],
    row_count: m.rows ?? 4000,
    metrics: metrics(m),
    feature_importance: [],
    trained_by: id === 'model-a' ? admin.id : null,
    training_job_id: null,
    active,
    created_at: '2026-11-20T09:00:00Z',
    activated_at: null,
  } satisfies ModelSummary;
}

const MODELS = [
  model('model-a', 'logistic_regression', { cv_roc_auc: 0.79, cv_roc_auc_std: 0.02, brier: 0.09, ece: 0.03 }),
  model('model-b', 'gradient_boosting', { cv_roc_auc: 0.81, cv_roc_auc_std: 0.01, brier: 0.1, ece: 0.03 }, true),
  model('model-c', 'random_forest', { cv_roc_auc: 0.75, brier: 0.12, ece: 0.01 }),
];

type Call = { method: string; url: string; body: unknown };

/** Answers the studio's API calls by method and path; `routes` overrides or adds answers. */
function stubApi(me: Me, routes: Record<string, (body: unknown) => Response> = {}) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      const route = routes[`${method} ${url}`];
      if (route) return route(body);
      if (url === '/auth/me') return Response.json(me);
      if (url === '/ai/advanced-ml/health') return Response.json(health);
      if (url === '/ai/advanced-ml/models') return Response.json({ models: MODELS });
      return Response.json({ title: 'Not found', status: 404 }, { status: 404 });
    }),
  );
  return calls;
}

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/ai/ml-studio',
        element: (
          <RequireAuth>
            <MlStudioPage />
          </RequireAuth>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('ML Studio training form', () => {
  it('sends the form as the seed’s body and shows each field error of a 400 next to its field', async () => {
    const calls = stubApi(admin, {
      'POST /ai/advanced-ml/train': () =>
        problem(400, {
          title: 'Invalid request',
          detail: 'body.config.cross_validation_folds: Too big; body.training_data_limit: Too small',
          errors: [
            { path: 'body.config.cross_validation_folds', message: 'Too big: expected number to be <=10' },
            { path: 'body.training_data_limit', message: 'Too small: expected number to be >=100' },
          ],
        }),
    });
    renderAt('/ai/ml-studio?tab=training');
    const form = await screen.findByRole('form', { name: 'Train a model' });
    fireEvent.change(within(form).getByLabelText('Cross-validation folds'), { target: { value: '12' } });
    fireEvent.change(within(form).getByLabelText('Training data limit'), { target: { value: '50' } });
    fireEvent.click(within(form).getByLabelText('Feature selection'));
    fireEvent.click(within(form).getByRole('button', { name: 'Start training' }));

    const folds = within(form).getByLabelText('Cross-validation folds');
    await waitFor(() => expect(folds.getAttribute('aria-invalid')).toBe('true'));
    const foldsMessage = document.getElementById(folds.getAttribute('aria-describedby') ?? '');
    expect(foldsMessage?.textContent).toBe('Too big: expected number to be <=10');
    const limit = within(form).getByLabelText('Training data limit');
    expect(limit.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(limit.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Too small: expected number to be >=100',
    );
    // Fields without an error keep their hint and stay valid.
    const type = within(form).getByLabelText('Model type');
    expect(type.getAttribute('aria-invalid')).toBeNull();
    expect(within(form).getAllByTestId('field-error')).toHaveLength(2);

    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      config: { model_type: 'gradient_boosting', feature_selection: false, cross_validation_folds: 12 },
      training_data_limit: 50,
      save_model: true,
    });
  });

  it('follows the started job to completion and links to the model it registered', async () => {
    const job: TrainingJob = {
      id: 'job-1',
      status: 'queued',
      progress: 0,
      message: null,
      created_at: '2026-11-24T07:00:00Z',
      started_at: null,
      finished_at: null,
      error: null,
      result: null,
      model_id: null,
    };
    let polls = 0;
    const calls = stubApi(admin, {
      'POST /ai/advanced-ml/train': () => Response.json(job, { status: 202 }),
      'GET /ai/advanced-ml/jobs/job-1': () => {
        polls++;
        return Response.json(
          polls === 1
            ? { ...job, status: 'running', progress: 0.4, message: 'Cross-validated fold 2 of 5' }
            : { ...job, status: 'completed', progress: 1, message: 'Model registered', model_id: 'model-new' },
        );
      },
    });
    const router = renderAt('/ai/ml-studio?tab=training');
    fireEvent.click(await screen.findByRole('button', { name: 'Start training' }));

    expect(await screen.findByText('Cross-validated fold 2 of 5')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Training progress' }).getAttribute('aria-valuenow')).toBe('40');
    expect(router.state.location.search).toContain('job=job-1');
    const link = await screen.findByRole('link', { name: /View the new model/ }, { timeout: 3000 });
    expect(link.getAttribute('href')).toBe('/ai/ml-studio?tab=models&model=model-new');
    expect(screen.getByTestId('training-job-status').textContent).toBe('Completed');
    // Once done, polling stops.
    const jobCalls = calls.filter((call) => call.url === '/ai/advanced-ml/jobs/job-1').length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(calls.filter((call) => call.url === '/ai/advanced-ml/jobs/job-1').length).toBe(jobCalls);
    fireEvent.click(link);
    expect(await screen.findByRole('table', { name: 'Models' })).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('model')).toBe('model-new');
  });

  it('tells a manager why they cannot train, without the form', async () => {
    stubApi(manager);
    renderAt('/ai/ml-studio?tab=training');
    expect(await screen.findByText('Training is for administrators')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Train a model' })).toBeNull();
  });
});

describe('ML Studio models', () => {
  it('compares the selected models side by side, marking the best value of each metric', async () => {
    stubApi(admin);
    renderAt('/ai/ml-studio');
    const table = await screen.findByRole('table', { name: 'Models' });
    expect(screen.queryByTestId('model-comparison')).toBeNull();
    fireEvent.click(within(table).getByRole('checkbox', { name: /^Compare Logistic regression/ }));
    expect(screen.queryByTestId('model-comparison')).toBeNull();
    fireEvent.click(within(table).getByRole('checkbox', { name: /^Compare Random forest/ }));
    fireEvent.click(within(table).getByRole('checkbox', { name: /^Compare Gradient boosting/ }));

    const comparison = within(screen.getByRole('table', { name: 'Model comparison' }));
    // Columns follow the registry's order, not the order of selection.
    expect(comparison.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Metric',
      expect.stringMatching(/^Logistic regression/),
      expect.stringMatching(/^Gradient boosting\s*Active/),
      expect.stringMatching(/^Random forest/),
    ]);
    const best = (label: RegExp) =>
      Array.from(comparison.getByRole('row', { name: label }).querySelectorAll('td'), (cell) =>
        cell.hasAttribute('data-best'),
      );
    expect(best(/^CV ROC AUC/)).toEqual([false, true, false]);
    expect(best(/^Brier score/)).toEqual([true, false, false]);
    expect(best(/^Calibration error/)).toEqual([false, false, true]);
    // Equal values are all best; a count has no better direction.
    expect(best(/^Log loss/)).toEqual([true, true, true]);
    expect(best(/^Training snapshots/)).toEqual([false, false, false]);
    expect(comparison.getByRole('row', { name: /^CV ROC AUC/ }).textContent).toContain('0.810 ± 0.010 (best)');
  });

  it('offers Activate on inactive models to admins only, after a confirmation', async () => {
    const calls = stubApi(admin, {
      'POST /ai/advanced-ml/activate': (body) => Response.json({ ...MODELS[0], active: true, body }),
    });
    renderAt('/ai/ml-studio');
    const table = await screen.findByRole('table', { name: 'Models' });
    const buttons = within(table).getAllByRole('button', { name: /^Activate/ });
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^Activate Logistic regression/),
      expect.stringMatching(/^Activate Random forest/),
    ]);
    fireEvent.click(buttons[0] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Activate this model?' });
    expect(calls.some((call) => call.url === '/ai/advanced-ml/activate')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((call) => call.url === '/ai/advanced-ml/activate')?.body).toEqual({ model_id: 'model-a' });

    cleanup();
    stubApi(manager);
    renderAt('/ai/ml-studio');
    const managerTable = await screen.findByRole('table', { name: 'Models' });
    expect(within(managerTable).queryAllByRole('button', { name: /^Activate/ })).toHaveLength(0);
    expect(within(managerTable).getAllByTestId('active-badge')).toHaveLength(1);
  });

  it('says a first model is training while the registry is empty, and shows it once registered', async () => {
    let registered = false;
    stubApi(admin, {
      'GET /ai/advanced-ml/models': () => Response.json({ models: registered ? MODELS.slice(1, 2) : [] }),
      'GET /ai/advanced-ml/health': () =>
        Response.json({
          status: 'training',
          active_model: null,
          training: { job_id: 'j', status: 'running', progress: 0.3, message: 'Cross-validated fold 1 of 5' },
        } satisfies MlHealth),
    });
    renderAt('/ai/ml-studio?tab=models');
    expect(await screen.findByText('No model yet — training…')).toBeTruthy();
    expect(screen.getByText('Cross-validated fold 1 of 5')).toBeTruthy();
    registered = true;
    const table = await screen.findByRole('table', { name: 'Models' }, { timeout: 5000 });
    expect(within(table).getAllByTestId('model-row')).toHaveLength(1);
  });
});
