import type { LeadCursor } from '@ivy/db';
import { z } from 'zod';
import { AppError } from './app-error';

const cursorSchema = z.object({ value: z.string(), id: z.uuid() });

/** Cursors are opaque to clients: base64url JSON, validated on the way back in. */
export function encodeCursor(cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): LeadCursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw AppError.invalidField('querystring.cursor', 'is not a cursor this server issued');
  }
}
