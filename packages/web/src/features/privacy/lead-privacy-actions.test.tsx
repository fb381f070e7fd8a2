import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@/features/auth/me';
import { LeadPrivacyActions } from './lead-privacy-actions';

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
  permissions: ['pii_gdpr_report'],
};

function stubApi(me: Me, erase: () => Response) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url === '/auth/me') return Response.json(me);
      if (url === `/people/${PERSON}/erase`) return erase();
      return Response.json({});
    }),
  );
  return calls;
}

function renderActions() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <main>
        <LeadPrivacyActions personId={PERSON} name="Akunna Adeyemo" />
      </main>
    </QueryClientProvider>,
  );
}

describe('LeadPrivacyActions', () => {
  it('shows nothing to a user without the GDPR permission', async () => {
    const calls = stubApi({ ...manager, role: 'staff', permissions: ['ai_lead_scoring'] }, () => Response.json({}));
    renderActions();
    await waitFor(() => expect(calls.some((call) => call.url === '/auth/me')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('button', { name: 'Erase person' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export data' })).toBeNull();
  });

  it('erases only after a reason and the typed confirmation, then says what was removed', async () => {
    const calls = stubApi(manager, () =>
      Response.json({ status: 'erased', request_id: PERSON, summary: { people: 1, engagement_events: 4 } }),
    );
    renderActions();
    fireEvent.click(await screen.findByRole('button', { name: 'Erase person' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Erase Akunna Adeyemo?' });
    const submit = within(dialog).getByRole('button', { name: 'Erase permanently' });
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByLabelText('Reason for erasure'), {
      target: { value: 'Asked to be forgotten by e-mail' },
    });
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByLabelText('Type ERASE to confirm'), { target: { value: 'ERASE' } });
    expect(submit).toHaveProperty('disabled', false);
    fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      url: `/people/${PERSON}/erase`,
      method: 'POST',
      body: { reason: 'Asked to be forgotten by e-mail', confirm: 'ERASE' },
    });
    expect((await screen.findByRole('status')).textContent).toBe('Erased: engagement events 4, person record 1.');
  });

  it('keeps the dialog open and shows the server’s reason when the erasure is refused', async () => {
    stubApi(
      manager,
      () =>
        new Response(JSON.stringify({ title: 'Bad request', status: 404, detail: 'Person was not found' }), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    renderActions();
    fireEvent.click(await screen.findByRole('button', { name: 'Erase person' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.change(within(dialog).getByLabelText('Reason for erasure'), {
      target: { value: 'Asked to be forgotten by e-mail' },
    });
    fireEvent.change(within(dialog).getByLabelText('Type ERASE to confirm'), { target: { value: 'ERASE' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erase permanently' }));
    const alert = within(dialog).getByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Person was not found'));
    expect(within(dialog).getByRole('button', { name: 'Erase permanently' })).toHaveProperty('disabled', false);
  });
});
