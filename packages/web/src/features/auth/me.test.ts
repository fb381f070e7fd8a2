import { describe, expect, it } from 'vitest';
import { initials, roleLabel, safeNext, signInUrl } from './me';

describe('safeNext', () => {
  it('keeps paths on this site, with their query and hash', () => {
    expect(safeNext('/leads/123')).toBe('/leads/123');
    expect(safeNext('/leads?stage=enrolled&sort=-name')).toBe('/leads?stage=enrolled&sort=-name');
    expect(safeNext('/ai/triage#top')).toBe('/ai/triage#top');
  });

  it('falls back to /leads when there is no next', () => {
    expect(safeNext(null)).toBe('/leads');
    expect(safeNext(undefined)).toBe('/leads');
    expect(safeNext('')).toBe('/leads');
  });

  it.each([
    'https://evil.example/leads',
    '//evil.example/leads',
    '/\\evil.example',
    'javascript:alert(1)',
    'leads',
    '/\t/evil.example',
    '/\n/evil.example',
  ])('refuses %j', (next) => {
    expect(safeNext(next)).toBe('/leads');
  });

  it('never sends the user back to the sign-in page', () => {
    expect(safeNext('/sign-in')).toBe('/leads');
    expect(safeNext('/sign-in?next=/leads')).toBe('/leads');
  });
});

describe('signInUrl', () => {
  it('carries the current path and query in next', () => {
    expect(signInUrl('/leads?stage=offer')).toBe('/sign-in?next=%2Fleads%3Fstage%3Doffer');
  });
});

describe('initials and roleLabel', () => {
  it('uses the first and last names, or the e-mail', () => {
    expect(initials('Ada King Lovelace')).toBe('AL');
    expect(initials('Prince')).toBe('PR');
    expect(initials('  ', 'sam@ivy.ac')).toBe('S');
  });

  it('names roles in words staff use', () => {
    expect(roleLabel('manager')).toBe('Admissions manager');
    expect(roleLabel('super_admin')).toBe('Super administrator');
  });
});
