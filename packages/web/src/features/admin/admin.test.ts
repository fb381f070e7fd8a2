import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrors } from '@/lib/api';
import {
  auditApiPath,
  auditFiltersToSearchParams,
  EMPTY_AUDIT_FILTERS,
  parseAuditFilters,
  parseUserFilters,
  userFiltersToSearchParams,
  usersApiPath,
} from './admin-filters';
import { groupTeams } from './new-user-dialog';
import { assignableRoles, rowActions, userActions } from './permissions';

describe('user filters', () => {
  it('round-trips through the URL and drops what is malformed', () => {
    const filters = parseUserFilters(new URLSearchParams('q=ada&role=manager&active=false'));
    expect(filters).toEqual({ q: 'ada', role: 'manager', active: false });
    expect(userFiltersToSearchParams(filters).toString()).toBe('q=ada&role=manager&active=false');
    expect(parseUserFilters(new URLSearchParams('role=wizard&active=maybe'))).toEqual({
      q: '',
      role: null,
      active: null,
    });
  });

  it('builds the list path with paging', () => {
    expect(usersApiPath({ q: '', role: 'staff', active: true }, { limit: 50, offset: 100 })).toBe(
      '/ai/users/list?role=staff&active=true&limit=50&offset=100',
    );
  });
});

describe('audit filters', () => {
  it('round-trips through the URL, rejecting bad outcomes and dates', () => {
    const params = new URLSearchParams('actor=admin&action=user.create&outcome=denied&from=2026-01-01&to=2026-02-30');
    const filters = parseAuditFilters(params);
    expect(filters).toEqual({ actor: 'admin', action: 'user.create', outcome: 'denied', from: '2026-01-01', to: null });
    expect(parseAuditFilters(auditFiltersToSearchParams(filters))).toEqual(filters);
    expect(parseAuditFilters(new URLSearchParams('outcome=maybe')).outcome).toBeNull();
  });

  it('builds the log path with the cursor', () => {
    expect(auditApiPath(EMPTY_AUDIT_FILTERS, { limit: 50 })).toBe('/ai/users/audit/logs?limit=50');
    expect(auditApiPath({ ...EMPTY_AUDIT_FILTERS, outcome: 'success' }, { limit: 50, cursor: 'abc' })).toBe(
      '/ai/users/audit/logs?outcome=success&limit=50&cursor=abc',
    );
  });
});

describe('user actions', () => {
  const me = { id: 'me', email: 'admin@demo.ivy' };
  const other = { id: 'u2', email: 'sam@demo.ivy', is_active: true };

  it('offers only what the permissions allow', () => {
    expect(userActions(['user_view'])).toEqual({
      canView: true,
      canCreate: false,
      canChangeRole: false,
      canDeactivate: false,
    });
    expect(userActions(['user_update'])).toMatchObject({ canChangeRole: false });
    expect(userActions(['user_update', 'role_manage', 'user_create', 'user_delete'])).toMatchObject({
      canCreate: true,
      canChangeRole: true,
      canDeactivate: true,
    });
  });

  it('never offers role changes or deactivation on your own or an inactive account', () => {
    const all = userActions(['user_update', 'role_manage', 'user_delete']);
    expect(rowActions(all, me, other)).toEqual({ changeRole: true, deactivate: true });
    expect(rowActions(all, me, { ...other, id: 'me' })).toEqual({ changeRole: false, deactivate: false });
    expect(rowActions(all, me, { ...other, id: 'x', email: 'Admin@Demo.ivy' })).toEqual({
      changeRole: false,
      deactivate: false,
    });
    expect(rowActions(all, me, { ...other, is_active: false })).toEqual({ changeRole: false, deactivate: false });
    expect(rowActions(userActions(['user_view']), me, other)).toEqual({ changeRole: false, deactivate: false });
  });

  it('lets only a super administrator hand out super administrator', () => {
    expect(assignableRoles('admin').map((r) => r.value)).not.toContain('super_admin');
    expect(assignableRoles('super_admin').map((r) => r.value)).toContain('super_admin');
  });
});

describe('fieldErrors and groupTeams', () => {
  it('keys field messages by the last segment of their path', () => {
    const error = new ApiError(422, {
      detail: 'Invalid',
      errors: [
        { path: '/body/password', message: 'Too short' },
        { path: 'email', message: 'Not an e-mail' },
        { path: 'email', message: 'Second' },
      ],
    });
    expect(fieldErrors(error)).toEqual({ password: 'Too short', email: 'Not an e-mail' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('groups teams by department, both A–Z', () => {
    const teams = [
      { id: '1', name: 'Zeta', department: { id: 'd1', name: 'Science' } },
      { id: '2', name: 'Alpha', department: { id: 'd2', name: 'Arts' } },
      { id: '3', name: 'Beta', department: { id: 'd1', name: 'Science' } },
    ];
    expect(groupTeams(teams).map((g) => [g.department, g.teams.map((t) => t.name)])).toEqual([
      ['Arts', ['Alpha']],
      ['Science', ['Beta', 'Zeta']],
    ]);
  });
});
