import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/** Answers API calls by path; records the lead list URLs asked for. */
function stubApi(leads: () => Response) {
  const requested: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      if (input.startsWith('/people/leads')) {
        requested.push(input);
        return leads();
      }
      return Response.json({ items: [] });
    }),
  );
  return requested;
}

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '/leads', element: <LeadsPage /> }], { initialEntries: [url] });
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
});
