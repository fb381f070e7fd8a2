import type { Role } from '@/features/auth/me';

export type Ref = { id: string; name: string };

/** A user account, as the /ai/users API returns it. */
export type AdminUser = {
  id: string;
  /** The e-mail address; also the key in /ai/users/{username}. */
  username: string;
  email: string;
  full_name: string;
  role: Role;
  team: Ref | null;
  department: Ref | null;
  is_active: boolean;
  created_at: string;
  last_login: string | null;
};

export type UserList = { users: AdminUser[]; total: number };

export type Team = { id: string; name: string; department: Ref };

export type AuditOutcome = 'success' | 'denied' | 'failure';

export type AuditEntry = {
  id: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
};

export type AuditPage = { logs: AuditEntry[]; next_cursor: string | null };
