import { formatCount, humanize } from '@/lib/format';
import type { ErasureGround, GdprReport } from './types';

export const ERASE_CONFIRMATION = 'ERASE';
export const MIN_ERASURE_REASON = 10;

/** A share (0–1) as a whole percentage, with "<1%" so a handful of consents does not read as none. */
export function formatShare(share: number): string {
  if (share <= 0) return '0%';
  if (share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}

const GROUND_LABELS: Record<ErasureGround, string> = {
  subject_request: 'Subject request',
  retention: 'End of retention',
};

/** What a request row says it was: "Export", "Erasure · Subject request". */
export function requestLabel(request: Pick<GdprReport['recent_requests'][number], 'kind' | 'ground'>): string {
  if (request.kind === 'export') return 'Export';
  return request.ground ? `Erasure · ${GROUND_LABELS[request.ground]}` : 'Erasure';
}

const CONSENT_LABELS: Record<string, string> = {
  email_contact: 'E-mail contact',
  sms_contact: 'SMS contact',
  phone_contact: 'Phone contact',
  marketing: 'Marketing',
  ai_processing: 'AI processing',
  third_party_sharing: 'Third-party sharing',
};

export function consentLabel(type: string): string {
  return CONSENT_LABELS[type] ?? humanize(type);
}

const TABLE_LABELS: Record<string, string> = {
  people: 'person record',
  audit_log: 'audit entries',
  notes_elsewhere: 'notes on other records',
  application_status_history: 'application notes',
  users: 'student accounts',
  gdpr_requests: 'earlier requests',
};

/** An erasure's summary as one line, biggest first: "engagement events 12, audit entries 3, person record 1". */
export function summaryLine(summary: Record<string, number>): string {
  const entries = Object.entries(summary).filter(([, n]) => n > 0);
  if (entries.length === 0) return '—';
  return entries
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([table, n]) => `${TABLE_LABELS[table] ?? humanize(table).toLowerCase()} ${formatCount(n)}`)
    .join(', ');
}

/** Retention in years when it is a whole number of them (2555 days → "7 years"), else in days. */
export function formatRetention(days: number): string {
  const years = days / 365;
  if (Number.isInteger(years)) return years === 1 ? '1 year' : `${years} years`;
  return `${formatCount(days)} days`;
}

/** Why the erase button is not yet enabled, or null when the form may be sent. */
export function erasureBlocker(reason: string, confirm: string, personId: string): string | null {
  if (reason.trim().length < MIN_ERASURE_REASON) {
    return `Give the reason (at least ${MIN_ERASURE_REASON} characters).`;
  }
  const typed = confirm.trim();
  if (typed !== ERASE_CONFIRMATION && typed !== personId) return `Type ${ERASE_CONFIRMATION} to confirm.`;
  return null;
}
