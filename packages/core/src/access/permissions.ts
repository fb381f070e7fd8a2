import type { Role } from '../crm/vocabulary';

/** The seed's 19 permissions (phase 5.2), grouped as it groups them. */
export const PERMISSIONS = [
  'pii_detect',
  'pii_redact',
  'pii_consent_view',
  'pii_consent_manage',
  'pii_gdpr_report',
  'ai_lead_scoring',
  'ai_chat',
  'ai_forecasting',
  'ai_analytics',
  'ai_model_training',
  'user_view',
  'user_create',
  'user_update',
  'user_delete',
  'role_manage',
  'system_health',
  'system_config',
  'audit_logs',
  'backup_restore',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STUDENT = ['pii_consent_view', 'ai_chat'] as const satisfies readonly Permission[];
const STAFF = [
  'pii_detect',
  'pii_redact',
  'pii_consent_view',
  'ai_lead_scoring',
  'ai_chat',
  'ai_forecasting',
  'user_view',
] as const satisfies readonly Permission[];
const MANAGER = [
  ...STAFF,
  'pii_consent_manage',
  'pii_gdpr_report',
  'ai_analytics',
  'user_update',
  'audit_logs',
] as const satisfies readonly Permission[];
const ADMIN = [
  ...MANAGER,
  'user_create',
  'user_delete',
  'role_manage',
  'ai_model_training',
  'system_health',
  'system_config',
] as const satisfies readonly Permission[];

/** Who may do what: data, in one place. Each role holds everything the role below it holds. */
export const PERMISSIONS_BY_ROLE = {
  student: STUDENT,
  staff: STAFF,
  manager: MANAGER,
  admin: ADMIN,
  super_admin: PERMISSIONS,
} as const satisfies Record<Role, readonly Permission[]>;

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS_BY_ROLE[role] as readonly Permission[]).includes(permission);
}

/** Whose records a role sees: its own, its team's, its department's, or everyone's. */
export const DATA_SCOPES = ['own', 'team', 'department', 'all', 'system'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const DATA_SCOPE_BY_ROLE = {
  student: 'own',
  staff: 'team',
  manager: 'department',
  admin: 'all',
  super_admin: 'system',
} as const satisfies Record<Role, DataScope>;

export const RESOURCE_TYPES = [
  'pii_data',
  'student_records',
  'lead_data',
  'ai_models',
  'system_config',
  'audit_logs',
  'backup_restore',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Operations on a resource: the reach of a read (own … all) or an action on it. */
export const RESOURCE_OPERATIONS = [
  'own',
  'team',
  'department',
  'all',
  'view',
  'use',
  'create',
  'update',
  'delete',
] as const;
export type ResourceOperation = (typeof RESOURCE_OPERATIONS)[number];

function fullAccess(types: readonly ResourceType[]): Partial<Record<ResourceType, readonly ResourceOperation[]>> {
  return Object.fromEntries(types.map((type) => [type, RESOURCE_OPERATIONS]));
}

/** The seed's resource access per role; admin has every resource but backups, which are the system's. */
export const RESOURCE_ACCESS_BY_ROLE = {
  student: { pii_data: ['own'], student_records: ['own'] },
  staff: { pii_data: ['own', 'team'], student_records: ['own', 'team'], lead_data: ['own', 'team'] },
  manager: {
    pii_data: ['own', 'team', 'department'],
    student_records: ['own', 'team', 'department'],
    lead_data: ['own', 'team', 'department'],
    ai_models: ['view', 'use'],
  },
  admin: fullAccess(RESOURCE_TYPES.filter((type) => type !== 'backup_restore')),
  super_admin: fullAccess(RESOURCE_TYPES),
} as const satisfies Record<Role, Partial<Record<ResourceType, readonly ResourceOperation[]>>>;

export function canAccessResource(role: Role, resourceType: ResourceType, operation: ResourceOperation): boolean {
  const access: Partial<Record<ResourceType, readonly ResourceOperation[]>> = RESOURCE_ACCESS_BY_ROLE[role];
  return access[resourceType]?.includes(operation) ?? false;
}
