import { describe, expect, it } from 'vitest';
import { rootCause } from './root-cause';

describe('rootCause', () => {
  it('unwraps to the driver error so query parameters never reach a log', () => {
    const driverError = new Error('duplicate key value violates unique constraint "users_email_lower_key"');
    const wrapped = new Error('Failed query: insert into users … params: ada@example.ac.uk,$argon2id$…', {
      cause: driverError,
    });
    expect(rootCause(new Error('outer', { cause: wrapped }))).toBe(driverError);
  });

  it('returns an error without a cause, or a thrown non-error, unchanged', () => {
    const plain = new Error('plain');
    expect(rootCause(plain)).toBe(plain);
    expect(rootCause('text')).toBe('text');
  });
});
