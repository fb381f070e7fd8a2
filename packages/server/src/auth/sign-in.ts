import { DEFAULT_LOCKOUT_POLICY, signInLockout } from '@ivy/core';
import {
  appendAudit,
  createSession,
  findUserForSignIn,
  type Principal,
  recentLoginAttempts,
  recordLoginAttempt,
} from '@ivy/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error';
import type { RouteContext } from '../http/types';
import { SESSION_COOKIE } from './guard';
import { auditContextOf } from './request-context';
import { hashPassword, hashSecretToken, newSecretToken, verifyPassword } from './secrets';

export const INVALID_CREDENTIALS = 'E-mail or password is incorrect';

/** Verified against when the account does not exist, so a miss costs as long as a wrong password. */
const decoyHash = hashPassword('decoy password that matches no account');

export type SignIn = (
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { email: string; password: string },
) => Promise<Principal>;

/**
 * The one sign-in path (/auth/login and the seed's /ai/users/authenticate): lockout, constant-time miss, the attempt
 * and its audit row in one transaction, then a server-side session in an httpOnly cookie.
 */
export function createSignIn({ database, config, now }: RouteContext): SignIn {
  const sessionTtlMs = config.IVY_SESSION_TTL_HOURS * 3_600_000;

  return async (request, reply, { email, password }) => {
    const at = now();
    const audit = auditContextOf(request, at);
    const attempts = await recentLoginAttempts(
      database.db,
      email,
      new Date(at.getTime() - DEFAULT_LOCKOUT_POLICY.windowMs),
    );
    const lockout = signInLockout(attempts, at);
    const recordFailure = (outcome: 'denied' | 'failure', details: Record<string, string>) =>
      database.db.transaction(async (tx) => {
        await recordLoginAttempt(tx, { email, succeeded: false, ip: request.ip, at });
        await appendAudit(tx, { ...audit, action: 'auth.login', resourceType: 'system_config', outcome, details });
      });
    if (lockout.locked) {
      await recordFailure('denied', { email, reason: 'locked' });
      const retry = lockout.retryAt.toISOString().slice(11, 16);
      throw new AppError('too_many_requests', `Too many failed sign-in attempts. Try again after ${retry} UTC.`);
    }

    const account = await findUserForSignIn(database.db, email);
    const passwordMatches = await verifyPassword(account?.passwordHash ?? (await decoyHash), password);
    if (!account?.active || !account.passwordHash || !passwordMatches) {
      await recordFailure('failure', { email });
      throw new AppError('unauthenticated', INVALID_CREDENTIALS);
    }

    const token = newSecretToken('session');
    const actor = { id: account.principal.id, label: account.principal.email };
    await database.db.transaction(async (tx) => {
      await recordLoginAttempt(tx, { email, succeeded: true, ip: request.ip, at });
      await createSession(tx, {
        tokenHash: hashSecretToken(token),
        userId: account.principal.id,
        expiresAt: new Date(at.getTime() + sessionTtlMs),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: at,
      });
      await appendAudit(tx, {
        ...audit,
        actor,
        action: 'auth.login',
        resourceType: 'system_config',
        outcome: 'success',
      });
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.IVY_ENV === 'production',
      path: '/',
      maxAge: Math.floor(sessionTtlMs / 1000),
    });
    return account.principal;
  };
}
