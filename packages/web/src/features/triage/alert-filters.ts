import type { DataScope } from '@/features/auth/me';
import { withQuery } from '@/lib/api';
import { ALERT_STATUSES, type AlertStatus, BLOCKER_TYPES, type BlockerType } from '@/lib/vocabulary';
import type { AlertView, InboxAlert } from './types';

export const ALERT_LEVELS = [1, 2, 3] as const;

/** The status choices offered: the API's default (everything still needing work), each status alone, or all. */
export const STATUS_CHOICES = {
  active: { label: 'Open & acknowledged', statuses: null },
  open: { label: 'Open', statuses: ['open'] },
  acknowledged: { label: 'Acknowledged', statuses: ['acknowledged'] },
  resolved: { label: 'Resolved', statuses: ['resolved'] },
  any: { label: 'Any status', statuses: ALERT_STATUSES },
} as const satisfies Record<string, { label: string; statuses: readonly AlertStatus[] | null }>;
export type StatusChoice = keyof typeof STATUS_CHOICES;

/** The inbox's filters, kept in the URL with the API's parameter names. */
export type AlertFilters = {
  view: AlertView;
  status: StatusChoice;
  type: BlockerType | null;
  minLevel: number | null;
};

export const DEFAULT_ALERT_FILTERS: AlertFilters = { view: 'mine', status: 'active', type: null, minLevel: null };

/** The choice whose statuses the URL lists; the default (open and acknowledged) for anything else. */
function statusChoiceOf(raw: string | null): StatusChoice {
  const match = Object.entries(STATUS_CHOICES).find(([, choice]) => choice.statuses?.join(',') === raw);
  return (match?.[0] as StatusChoice | undefined) ?? 'active';
}

export function parseAlertFilters(params: URLSearchParams): AlertFilters {
  const type = params.get('type');
  const minLevel = Number(params.get('min_level'));
  return {
    view: params.get('view') === 'team' ? 'team' : 'mine',
    status: statusChoiceOf(params.get('status')),
    type: type && (BLOCKER_TYPES as readonly string[]).includes(type) ? (type as BlockerType) : null,
    minLevel: (ALERT_LEVELS as readonly number[]).includes(minLevel) && minLevel > 1 ? minLevel : null,
  };
}

function filterEntries(filters: AlertFilters): Record<string, string | number | null> {
  return {
    view: filters.view === 'mine' ? null : filters.view,
    status: STATUS_CHOICES[filters.status].statuses?.join(',') ?? null,
    type: filters.type,
    min_level: filters.minLevel,
  };
}

export function alertFiltersToSearchParams(filters: AlertFilters): URLSearchParams {
  return new URLSearchParams(
    Object.entries(filterEntries(filters)).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])),
  );
}

export function alertsApiPath(filters: AlertFilters): string {
  return withQuery('/ai/alerts', { ...filterEntries(filters), view: filters.view });
}

/** Whether anything narrows the list beyond the view. */
export function hasAlertFilters(filters: AlertFilters): boolean {
  return filters.status !== 'active' || filters.type !== null || filters.minLevel !== null;
}

/** Whose leads "My team" covers, by the user's data scope; null when there is no wider view than their own. */
export function teamViewLabel(scope: DataScope): string | null {
  switch (scope) {
    case 'own':
      return null;
    case 'team':
      return 'leads in your team';
    case 'department':
      return 'leads in your department';
    default:
      return 'every lead';
  }
}

/** Escalated alerts first, the API's order kept otherwise (it already ranks by level and age). */
export function escalatedFirst(alerts: readonly InboxAlert[]): InboxAlert[] {
  return [...alerts].sort((a, b) => Number(b.escalated_at !== null) - Number(a.escalated_at !== null));
}

/** The alert after an acknowledge or resolve, as the server will report it: for showing the change at once. */
export function afterTransition(alert: InboxAlert, transition: 'acknowledge' | 'resolve', at: Date): InboxAlert {
  const now = at.toISOString();
  return transition === 'acknowledge'
    ? { ...alert, status: 'acknowledged', acknowledged_at: now }
    : { ...alert, status: 'resolved', resolved_at: now };
}
