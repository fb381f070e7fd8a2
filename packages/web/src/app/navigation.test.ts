import { describe, expect, it } from 'vitest';
import { NAV_SECTIONS, visibleNavSections } from './navigation';

function labels(permissions: string[]) {
  return visibleNavSections(NAV_SECTIONS, permissions).map((section) => ({
    section: section.label,
    items: section.items.map((item) => item.label),
  }));
}

describe('visibleNavSections', () => {
  it('hides the whole Admin section from a user without admin permissions', () => {
    const sections = labels(['lead_view']);
    expect(sections.map((s) => s.section)).toEqual([null, 'AI']);
    expect(sections[0]?.items).toContain('Leads');
  });

  it('shows Users & Roles for role_manage or user_create, and the audit log for audit_logs', () => {
    expect(labels(['role_manage']).find((s) => s.section === 'Admin')?.items).toEqual(['Users & Roles']);
    expect(labels(['user_create']).find((s) => s.section === 'Admin')?.items).toEqual(['Users & Roles']);
    expect(labels(['audit_logs']).find((s) => s.section === 'Admin')?.items).toEqual(['Audit log']);
    expect(labels(['user_view']).find((s) => s.section === 'Admin')).toBeUndefined();
    expect(labels(['system_config']).find((s) => s.section === 'Admin')?.items).toEqual(['Scoring & forecast']);
    expect(labels(['role_manage', 'audit_logs']).find((s) => s.section === 'Admin')?.items).toEqual([
      'Users & Roles',
      'Audit log',
    ]);
  });

  it('does not change the sections it is given', () => {
    visibleNavSections(NAV_SECTIONS, []);
    expect(NAV_SECTIONS.find((s) => s.label === 'Admin')?.items).toHaveLength(3);
  });
});
