/**
 * The innermost cause of an error. drizzle wraps database errors in a message that lists the query's parameters,
 * which may hold password hashes or personal data: logs and terminals get the driver's own error instead.
 */
export function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current;
}
