/** The signed-in user, as GET /auth/me and POST /auth/login return it. */
export type Role = 'student' | 'staff' | 'manager' | 'admin' | 'super_admin';
export type DataScope = 'own' | 'team' | 'department' | 'all' | 'system';

export type Me = {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  team: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  data_scope: DataScope;
  permissions: string[];
};

export const ROLE_LABELS: Record<Role, string> = {
  student: 'Student',
  staff: 'Admissions officer',
  manager: 'Admissions manager',
  admin: 'Administrator',
  super_admin: 'Super administrator',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

/** "Ada Lovelace" → "AL"; falls back to the e-mail's first letter. */
export function initials(fullName: string, email = ''): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}` : (words[0]?.slice(0, 2) ?? '');
  return (letters || email.slice(0, 1) || '?').toUpperCase();
}

export const DEFAULT_AFTER_SIGN_IN = '/leads';
export const SIGN_IN_PATH = '/sign-in';

/**
 * Where to go after signing in: the `next` parameter only if it is a path on this site (starts with a single "/"),
 * never another origin ("//evil.example", "/\\evil.example", "https://…") and never the sign-in page itself.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected here.
  if (/[\u0000-\u001f\u007f]/.test(next)) return DEFAULT_AFTER_SIGN_IN;
  const base = 'https://ivy.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== base || url.pathname === SIGN_IN_PATH) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in URL that brings the user back to `path` (path + query) afterwards. */
export function signInUrl(path: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(safeNext(path))}`;
}

export const DEMO_PASSWORD = 'ivy-demo';
export const DEMO_ACCOUNTS: { email: string; role: Role }[] = [
  { email: 'superadmin@demo.ivy', role: 'super_admin' },
  { email: 'admin@demo.ivy', role: 'admin' },
  { email: 'manager@demo.ivy', role: 'manager' },
  { email: 'staff@demo.ivy', role: 'staff' },
  { email: 'student@demo.ivy', role: 'student' },
];
