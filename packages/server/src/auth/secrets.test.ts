import { describe, expect, it } from 'vitest';
import { hashPassword, hashSecretToken, newSecretToken, verifyPassword } from './secrets';

describe('passwords', () => {
  it('hashes with argon2id, salted, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse battery');
    expect(await verifyPassword(first, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(first, 'correct horse batterY')).toBe(false);
  });

  it('treats a malformed stored hash as a failed check rather than an error', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});

describe('secret tokens', () => {
  it('are unique, prefixed by kind, and stored only as a hash', () => {
    const token = newSecretToken('token');
    expect(token).toMatch(/^ivy_token_[A-Za-z0-9_-]{43}$/);
    expect(newSecretToken('token')).not.toBe(token);
    expect(hashSecretToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecretToken(token)).toBe(hashSecretToken(token));
    expect(hashSecretToken(token)).not.toContain(token.slice(10));
  });
});
