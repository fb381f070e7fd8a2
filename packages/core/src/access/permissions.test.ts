import { describe, expect, it } from 'vitest';
import { ROLES } from '../crm/vocabulary';
import { canAccessResource, DATA_SCOPE_BY_ROLE, hasPermission, PERMISSIONS, PERMISSIONS_BY_ROLE } from './permissions';

describe('permission matrix', () => {
  it('gives the seed counts: student 2, staff 7, manager 12, admin 18, super_admin 19', () => {
    expect(ROLES.map((role) => new Set(PERMISSIONS_BY_ROLE[role]).size)).toEqual([2, 7, 12, 18, 19]);
    expect(new Set(PERMISSIONS).size).toBe(19);
  });

  it('gives each staff-and-above role everything the role below holds', () => {
    const ladder = ['staff', 'manager', 'admin', 'super_admin'] as const;
    for (let i = 1; i < ladder.length; i++) {
      const lower = ladder[i - 1];
      const higher = ladder[i];
      if (!lower || !higher) continue;
      for (const permission of PERMISSIONS_BY_ROLE[lower])
        expect(hasPermission(higher, permission), `${higher} ${permission}`).toBe(true);
    }
  });

  it('keeps user management and training away from staff, and backups for super admins alone', () => {
    expect(hasPermission('staff', 'user_create')).toBe(false);
    expect(hasPermission('manager', 'ai_model_training')).toBe(false);
    expect(hasPermission('admin', 'backup_restore')).toBe(false);
    expect(hasPermission('super_admin', 'backup_restore')).toBe(true);
    expect(hasPermission('student', 'ai_lead_scoring')).toBe(false);
  });

  it('scopes data by role', () => {
    expect(DATA_SCOPE_BY_ROLE).toEqual({
      student: 'own',
      staff: 'team',
      manager: 'department',
      admin: 'all',
      super_admin: 'system',
    });
  });

  it('grants resource access as the seed lists it', () => {
    expect(canAccessResource('staff', 'lead_data', 'team')).toBe(true);
    expect(canAccessResource('staff', 'lead_data', 'department')).toBe(false);
    expect(canAccessResource('manager', 'ai_models', 'use')).toBe(true);
    expect(canAccessResource('manager', 'ai_models', 'update')).toBe(false);
    expect(canAccessResource('student', 'lead_data', 'own')).toBe(false);
    expect(canAccessResource('admin', 'audit_logs', 'view')).toBe(true);
    expect(canAccessResource('admin', 'backup_restore', 'view')).toBe(false);
  });
});
