import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@/features/auth/me';
import { ConsentCard, type ConsentRecord, type PersonConsents } from './consent-card';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PERSON = '0b7e6b1e-4a57-4f0e-9a51-2f1d3c5e7a90';
const manager: Me = {
  id: 'm0000000-0000-4000-8000-000000000001',
  email: 'manager@demo.ivy',
  full_name: 'Morgan Manager',
  role: 'manager',
  team: null,
  department: null,
  data_scope: 'department',
  permissions: ['pii_consent_view', 'pii_consent_manage'],
};
const staff: Me = { ...manager, role: 'staff', permissions: ['pii_consent_view'] };

const grant: ConsentRecord = {
  id: 1,
  consent_type: 'email_contact',
  granted: true,
  purpose: 'Updates about her application',
  data_categories: [],
  source: 'ucas',
  recorded_by: null,
  recorded_at: '2026-03-02T10:00:00Z',
  expires_at: '2029-03-02T10:00:00Z',
};

function consents(records: ConsentRecord[]): PersonConsents {
  const types = ['email_contact', 'sms_contact', 'phone_contact', 'marketing', 'ai_processing', 'third_party_sharing'];
  return {
    person_id: PERSON,
    current: types.map((type) => {
      const record = records.find((r) => r.consent_type === type) ?? null;
      const state = record === null ? 'not_recorded' : record.granted ? 'granted' : 'withdrawn';
      return { consent_type: type, state, granted: state === 'granted', record } as PersonConsents['current'][number];
    }),
    history: records,
  };
}

function stubApi(me: Me, post: (body: Record<string, unknown>) => Response) {
  const calls: { url: string; method: string; body: Record<string, unknown> | undefined }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, method, body });
      if (url === '/auth/me') return Response.json(me);
      if (url === `/people/${PERSON}/consents` && method === 'GET') return Response.json(consents([grant]));
      if (url === `/people/${PERSON}/consents`) return post(body);
      return Response.json({});
    }),
  );
  return calls;
}

function renderCard() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <main>
        <ConsentCard personId={PERSON} />
      </main>
    </QueryClientProvider>,
  );
}

const row = (type: string) => {
  const item = document.querySelector(`[data-consent="${type}"]`);
  if (!(item instanceof HTMLElement)) throw new Error(`no row for ${type}`);
  return within(item);
};

describe('ConsentCard', () => {
  it('shows each type’s state with source, date, expiry and purpose, read-only for staff', async () => {
    stubApi(staff, () => Response.json({}));
    renderCard();
    await screen.findByText('History (1)');
    expect(row('email_contact').getByText('Granted')).toBeTruthy();
    expect(row('email_contact').getByText('Updates about her application')).toBeTruthy();
    expect(row('email_contact').getByText(/UCAS · 2 Mar 2026 · expires 2 Mar 2029/)).toBeTruthy();
    expect(row('sms_contact').getByText('Not recorded')).toBeTruthy();
    expect(screen.getByText('History (1)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record consent' })).toBeNull();
  });

  it('lets a manager withdraw, showing the field errors the API names, then the new state', async () => {
    let attempts = 0;
    const calls = stubApi(manager, (body) => {
      attempts += 1;
      if (attempts === 1) {
        return Response.json(
          {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'body/purpose: Too small',
            errors: [{ path: 'body/purpose', message: 'Too small: expected at least 3 characters' }],
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      const withdrawal: ConsentRecord = {
        ...grant,
        id: 2,
        granted: false,
        source: 'phone',
        purpose: `${body.purpose}`,
      };
      return Response.json(consents([withdrawal, grant]), { status: 201 });
    });
    renderCard();
    fireEvent.click(await screen.findByRole('button', { name: 'Record consent' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Change'), { target: { value: 'withdraw' } });
    expect(dialog.queryByLabelText('Expires on (optional)')).toBeNull();
    fireEvent.change(dialog.getByLabelText('Given through'), { target: { value: 'phone' } });
    fireEvent.change(dialog.getByLabelText('Purpose'), { target: { value: 'x' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('Too small: expected at least 3 characters')).toBeTruthy();
    expect(dialog.getByLabelText('Purpose').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(dialog.getByLabelText('Purpose'), { target: { value: 'Asked us to stop e-mailing' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(row('email_contact').getByText('Withdrawn')).toBeTruthy();
    expect(screen.getByText('History (2)')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      consent_type: 'email_contact',
      action: 'withdraw',
      purpose: 'Asked us to stop e-mailing',
      data_categories: [],
      source: 'phone',
      expires_at: null,
    });
  });
});
