import { describe, expect, it } from 'vitest';
import { emailFlag, phoneFlag } from './contact-checks';

describe('emailFlag', () => {
  it('accepts an ordinary address', () => {
    expect(emailFlag('ada@example.ac.uk')).toBeNull();
  });

  it('flags missing, malformed and throw-away addresses', () => {
    expect(emailFlag(null)?.label).toBe('Missing');
    expect(emailFlag('ada.example.com')?.label).toBe('Invalid');
    expect(emailFlag('ada@mailinator.com')).toMatchObject({ label: 'Disposable', tone: 'warning' });
  });
});

describe('phoneFlag', () => {
  it('accepts a number the server could normalise', () => {
    expect(phoneFlag('07700 900123', '+447700900123')).toBeNull();
  });

  it('flags a missing number and one that could not be validated', () => {
    expect(phoneFlag('', null)?.label).toBe('Missing');
    expect(phoneFlag('12345', null)?.label).toBe('Invalid');
  });
});
