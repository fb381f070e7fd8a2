/*
 * The CRM's closed vocabularies come from @ivy/core. The file is imported directly (not the package index) so the
 * browser bundle does not pull in the phone-number metadata and zod that other @ivy/core modules need.
 */

export { isDisposableEmail } from '../../../core/src/contact/disposable-email';
export {
  ACTIVITY_TYPES,
  type ActivityType,
  APPLICATION_STATUSES,
  type ApplicationStatus,
  ENGAGEMENT_TYPES,
  type EngagementType,
  FORWARD_STAGES,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  SOURCES,
  type Source,
  STAGE_TIMESTAMP,
} from '../../../core/src/crm/vocabulary';
export {
  PII_TYPES,
  type PiiType,
  REDACTION_LEVELS,
  type RedactionLevel,
} from '../../../core/src/privacy/vocabulary';
export {
  ALERT_STATUSES,
  type AlertStatus,
  BLOCKER_TYPES,
  type BlockerType,
  FACTORS,
  type Factor,
  SCORE_BANDS,
  type ScoreBand,
  SEVERITIES,
  type Severity,
  TRIAGE_ACTIONS,
  type TriageAction,
  WEIGHT_DECISIONS,
  type WeightDecision,
} from '../../../core/src/triage/vocabulary';
