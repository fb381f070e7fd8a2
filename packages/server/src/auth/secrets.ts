import { createHash, randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id: the library's const enum cannot be read under verbatimModuleSyntax; the tests check the id. */
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** For passwords people choose; demo passwords are configuration and exempt. */
export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed stored hash alike: neither lets anyone in. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A new secret for a session cookie or a bearer token: 256 random bits, base64url, with a prefix naming its kind
 * so a leaked token is recognisable (and findable by secret scanners).
 */
export function newSecretToken(kind: 'session' | 'token'): string {
  return `ivy_${kind}_${randomBytes(32).toString('base64url')}`;
}

/**
 * What the database keeps of a session or bearer token. The tokens carry 256 bits of entropy, so a fast hash is
 * enough (unlike passwords): a stolen table does not yield usable tokens.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
