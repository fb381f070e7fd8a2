import {
  canAccessResource,
  DATA_SCOPE_BY_ROLE,
  hasPermission,
  type Permission,
  RESOURCE_ACCESS_BY_ROLE,
  type ResourceOperation,
  type ResourceType,
} from '@ivy/core';
import { type PeopleScope, type Principal, peopleScopeFor } from '@ivy/db';

/**
 * What a route requires of its caller. Every route declares one (`config.access`); registering a route without it
 * fails at start-up, so nothing is reachable by omission.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed_in' }
  | { kind: 'permission'; permission: Permission }
  /** Any reach into the resource (own … all) when `operation` is omitted; the data scope then narrows the rows. */
  | { kind: 'resource'; resource: ResourceType; operation?: ResourceOperation };

export const access = {
  public: (): AccessRule => ({ kind: 'public' }),
  signedIn: (): AccessRule => ({ kind: 'signed_in' }),
  permission: (permission: Permission): AccessRule => ({ kind: 'permission', permission }),
  resource: (resource: ResourceType, operation?: ResourceOperation): AccessRule => ({
    kind: 'resource',
    resource,
    operation,
  }),
};

export function isAllowed(rule: AccessRule, principal: Principal | null): boolean {
  if (rule.kind === 'public') return true;
  if (!principal) return false;
  switch (rule.kind) {
    case 'signed_in':
      return true;
    case 'permission':
      return hasPermission(principal.role, rule.permission);
    case 'resource': {
      if (rule.operation) return canAccessResource(principal.role, rule.resource, rule.operation);
      const reach: Partial<Record<ResourceType, readonly ResourceOperation[]>> =
        RESOURCE_ACCESS_BY_ROLE[principal.role];
      return (reach[rule.resource]?.length ?? 0) > 0;
    }
  }
}

export function peopleScopeOf(principal: Principal): PeopleScope {
  return peopleScopeFor(principal, DATA_SCOPE_BY_ROLE[principal.role]);
}
