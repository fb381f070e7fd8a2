import { type Me, ROLE_LABELS, type Role } from '@/features/auth/me';
import type { AdminUser } from './types';

/** What the signed-in user may do on the Users & Roles page. The server enforces the same rules. */
export type UserActions = {
  canView: boolean;
  canCreate: boolean;
  canChangeRole: boolean;
  canDeactivate: boolean;
};

export function userActions(permissions: readonly string[]): UserActions {
  const granted = new Set(permissions);
  return {
    canView: granted.has('user_view'),
    canCreate: granted.has('user_create'),
    // Changing a role is an update that also needs role_manage.
    canChangeRole: granted.has('role_manage') && granted.has('user_update'),
    canDeactivate: granted.has('user_delete'),
  };
}

/** The actions to offer on one row: never on your own account (no locking yourself out), never twice. */
export function rowActions(
  actions: UserActions,
  me: Pick<Me, 'id' | 'email'>,
  user: Pick<AdminUser, 'id' | 'email' | 'is_active'>,
): { changeRole: boolean; deactivate: boolean } {
  const self = user.id === me.id || user.email.toLowerCase() === me.email.toLowerCase();
  return {
    changeRole: actions.canChangeRole && !self && user.is_active,
    deactivate: actions.canDeactivate && !self && user.is_active,
  };
}

const ROLE_ORDER: Role[] = ['student', 'staff', 'manager', 'admin', 'super_admin'];

/** Roles a user may hand out: only a super administrator can make another one. */
export function assignableRoles(myRole: Role): { value: Role; label: string }[] {
  return ROLE_ORDER.filter((role) => role !== 'super_admin' || myRole === 'super_admin').map((value) => ({
    value,
    label: ROLE_LABELS[value],
  }));
}

export const ALL_ROLES: { value: Role; label: string }[] = ROLE_ORDER.map((value) => ({
  value,
  label: ROLE_LABELS[value],
}));
