import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '@/app/require-auth';
import type { Me } from '@/features/auth/me';
import type { LeadPrediction, MlHealth } from '@/features/ml/types';
import { LeadsPage } from './leads-page';
import type { LeadPage } from './types';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const page: LeadPage = {
  items: [
    {
      id: '0b6f0d4e-1c8b-4a4c-8f4e-000000000001',
      external_ref: null,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.ac.uk',
      phone: '07700 900123',
      phone_valid: true,
      lifecycle_stage: 'offer',
      source: 'ucas',
      created_at: '2026-01-05T10:00:00Z',
      last_activity_at: '2026-03-01T10:00:00Z',
      course: { id: 'c1', code: 'CS101', name: 'Computer Science', intake: '2026-09-01' },
      campus: { id: 'k1', name: 'City' },
      owner: { id: 'u1', full_name: 'Sam Owner' },
      score: { score: 81.46, band: 'high', action: 'call_now' },
    },
    {
      id: '0b6f0d4e-1c8b-4a4c-8f4e-000000000002',
      external_ref: null,
      first_name: 'Alan',
      last_name: 'Turing',
      email: null,
      phone: null,
      phone_valid: false,
      lifecycle_stage: 'enquirer',
      source: 'event',
      created_at: '2026-01-06T10:00:00Z',
      last_activity_at: null,
      course: null,
      campus: null,
      owner: null,
      score: null,
    },
  ],
  total: 12345,
  next_cursor: 'next',
};

const staff: Me = {
  id: 'u1',
  email: 'staff@demo.ivy',
  full_name: 'Sam Owner',
  role: 'staff',
  team: null,
  department: null,
  data_scope: 'own',
  permissions: ['ai_lead_scoring', 'ai_forecasting'],
};

const ready: MlHealth = {
  status: 'ready',
  active_model: {
    id: '5e7b1c2a-0000-4000-8000-000000000001',
    algorithm: 'gradient_boosting',
    cv_roc_auc: 0.8123,
    trained_at: '2026-03-01T10:00:00Z',
  },
  training: null,
};

const adaPrediction: LeadPrediction = {
  lead_id: '0b6f0d4e-1c8b-4a4c-8f4e-000000000001',
  prediction: 'will_convert',
  probability: 0.734,
  confidence: 0.81,
  confidence_label: 'high',
  confidence_interval: { lower: 0.64, upper: 0.83, standard_error: 0.05 },
  top_drivers: [{ feature: 'stage', contribution: 0.3 }],
  stage: null,
};

const alanPrediction: LeadPrediction = {
  lead_id: '0b6f0d4e-1c8b-4a4c-8f4e-000000000002',
  prediction: null,
  probability: null,
  confidence: null,
  confidence_label: null,
  confidence_interval: null,
  top_drivers: [],
  stage: 'lost',
};

type MlStub = { me?: Me; health?: MlHealth };

/** Answers API calls by path; records the lead list URLs and the prediction batches asked for. */
function stubApi(leads: () => Response, { me = staff, health = ready }: MlStub = {}) {
  const requested: string[] = [];
  const predicted: string[][] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      if (input.startsWith('/people/leads')) {
        requested.push(input);
        return leads();
      }
      if (input === '/auth/me') return Response.json(me);
      if (input === '/ai/advanced-ml/health') return Response.json(health);
      if (input === '/ai/leads/predict-batch') {
        const { lead_ids } = JSON.parse(String(init?.body)) as { lead_ids: string[] };
        predicted.push(lead_ids);
        return Response.json({
          model_id: health.active_model?.id,
          horizon_days: 90,
          predictions: [adaPrediction, alanPrediction].filter((p) => lead_ids.includes(p.lead_id)),
        });
      }
      return Response.json({ items: [] });
    }),
  );
  return Object.assign(requested, { predicted });
}

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/leads',
        element: (
          <RequireAuth>
            <LeadsPage />
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
}

describe('LeadsPage', () => {
  it('shows the total and asks the API with the filters from the URL', async () => {
    const requested = stubApi(() => Response.json(page));
    renderAt('/leads?stage=offer,applicant&sort=name');
    expect(await screen.findByText('12,345 leads')).toBeTruthy();
    const params = new URLSearchParams(requested[0]?.split('?')[1]);
    expect(params.get('stage')).toBe('applicant,offer');
    expect(params.get('sort')).toBe('name');
    expect(screen.getByText('match your filters')).toBeTruthy();
  });

  it('asks for the score bands from the URL and marks the Score column as the sort', async () => {
    const requested = stubApi(() => Response.json(page));
    renderAt('/leads?band=high,medium&sort=-score');
    expect(await screen.findByText('12,345 leads')).toBeTruthy();
    const params = new URLSearchParams(requested[0]?.split('?')[1]);
    expect(params.get('band')).toBe('high,medium');
    expect(params.get('sort')).toBe('-score');
    expect(screen.getByRole('columnheader', { name: /Score/ }).getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('button', { name: /^Score band/ }).textContent).toContain('High +1');
  });

  it("shows the problem's detail when the API refuses", async () => {
    stubApi(
      () =>
        new Response(
          JSON.stringify({ title: 'Invalid request', status: 400, detail: 'created_to is before created_from' }),
          {
            status: 400,
            headers: { 'content-type': 'application/problem+json' },
          },
        ),
    );
    renderAt('/leads');
    expect(await screen.findByText('created_to is before created_from')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Leads could not be loaded' })).toBeTruthy();
  });

  it('offers to clear the filters when nothing matches', async () => {
    stubApi(() => Response.json({ items: [], total: 0, next_cursor: null }));
    renderAt('/leads?q=nobody');
    expect(await screen.findByText('No leads match these filters')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /clear filters/i }).length).toBeGreaterThan(0);
  });

  // jsdom lays nothing out, so the virtualised rows (and their cells) are left to the browser test.
  it('adds the ML columns after Score and predicts the loaded page in one batch', async () => {
    const requested = stubApi(() => Response.json(page));
    renderAt('/leads');
    expect(await screen.findByText('Gradient boosting · CV ROC AUC 0.81')).toBeTruthy();
    await waitFor(() => expect(requested.predicted).toEqual([page.items.map((lead) => lead.id)]));
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers.slice(0, 5)).toEqual([
      'Name, sortable',
      'Score, sortable',
      'Prediction',
      'Probability',
      'Confidence',
    ]);
    expect(screen.getByRole('button', { name: /Refresh ML/ })).toBeTruthy();
  });

  it('says a model is training and predicts nothing until it is ready', async () => {
    const requested = stubApi(() => Response.json(page), {
      health: {
        status: 'training',
        active_model: null,
        training: { job_id: 'j1', status: 'running', progress: 0.4, message: null },
      },
    });
    renderAt('/leads');
    expect(await screen.findByText('Training a model… 40%')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Prediction' })).toBeTruthy();
    expect(requested.predicted).toEqual([]);
  });

  it('hides the ML columns from users who may not see forecasts', async () => {
    const requested = stubApi(() => Response.json(page), { me: { ...staff, permissions: ['ai_lead_scoring'] } });
    renderAt('/leads');
    expect(await screen.findByText('12,345 leads')).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Prediction' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Refresh ML/ })).toBeNull();
    expect(requested.predicted).toEqual([]);
  });
});
