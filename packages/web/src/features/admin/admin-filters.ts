import type { Role } from '@/features/auth/me';
import { withQuery } from '@/lib/api';
import type { AuditOutcome } from './types';

const ROLES: readonly Role[] = ['student', 'staff', 'manager', 'admin', 'super_admin'];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'failure'];

function parseDate(raw: string | null): string | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw) ? raw : null;
}

function entries(pairs: [string, string | null][]): URLSearchParams {
  return new URLSearchParams(pairs.filter((pair): pair is [string, string] => pair[1] !== null && pair[1] !== ''));
}

/** Users & Roles filters; kept in the URL with the API's parameter names. */
export type UserFilters = { q: string; role: Role | null; active: boolean | null };
export const EMPTY_USER_FILTERS: UserFilters = { q: '', role: null, active: null };

export function parseUserFilters(params: URLSearchParams): UserFilters {
  const role = params.get('role');
  const active = params.get('active');
  return {
    q: params.get('q')?.trim() ?? '',
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : null,
    active: active === 'true' ? true : active === 'false' ? false : null,
  };
}

export function userFiltersToSearchParams(filters: UserFilters): URLSearchParams {
  return entries([
    ['q', filters.q.trim()],
    ['role', filters.role],
    ['active', filters.active === null ? null : String(filters.active)],
  ]);
}

export function usersApiPath(filters: UserFilters, page: { limit: number; offset: number }): string {
  return withQuery('/ai/users/list', {
    ...Object.fromEntries(userFiltersToSearchParams(filters)),
    limit: page.limit,
    offset: page.offset,
  });
}

export function hasUserFilters(filters: UserFilters): boolean {
  return filters.q !== '' || filters.role !== null || filters.active !== null;
}

/** Audit log filters; kept in the URL with the API's parameter names. Dates are inclusive "YYYY-MM-DD". */
export type AuditFilters = {
  actor: string;
  action: string;
  outcome: AuditOutcome | null;
  from: string | null;
  to: string | null;
};
export const EMPTY_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', outcome: null, from: null, to: null };

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const outcome = params.get('outcome');
  return {
    actor: params.get('actor')?.trim() ?? '',
    action: params.get('action')?.trim() ?? '',
    outcome: outcome && (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as AuditOutcome) : null,
    from: parseDate(params.get('from')),
    to: parseDate(params.get('to')),
  };
}

export function auditFiltersToSearchParams(filters: AuditFilters): URLSearchParams {
  return entries([
    ['actor', filters.actor.trim()],
    ['action', filters.action.trim()],
    ['outcome', filters.outcome],
    ['from', filters.from],
    ['to', filters.to],
  ]);
}

export function auditApiPath(filters: AuditFilters, page: { limit: number; cursor?: string | null }): string {
  return withQuery('/ai/users/audit/logs', {
    ...Object.fromEntries(auditFiltersToSearchParams(filters)),
    limit: page.limit,
    cursor: page.cursor ?? null,
  });
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return auditFiltersToSearchParams(filters).size > 0;
}
