import { RandomState } from '@ivy/ml';
import { ENGAGEMENT_TYPES, type EngagementType, type LifecycleStage, SOURCES } from '../crm/vocabulary';
import { type LeadSnapshot, leadFeatures } from '../features/lead-features';
import type { TrainingRow } from './train';

const STAGE_EFFECT: Partial<Record<LifecycleStage, number>> = {
  enquirer: -1,
  applicant: 0,
  offer: 1,
  accepted: 2,
};
const STAGES = Object.keys(STAGE_EFFECT) as LifecycleStage[];

export type SyntheticOptions = {
  people: number;
  seed: number;
  /** Snapshots per person: 1 up to this many, at different dates. */
  maxSnapshots?: number;
  /** Course demand is pure noise unless this is set (then it is a constant). */
  constantDemand?: boolean;
};

/**
 * People whose enrolment is driven by engagement and stage (and nothing else), each seen at 1–maxSnapshots dates
 * with the same outcome, as the database would give them. Course demand is drawn independently of everything.
 */
export function syntheticRows({
  people,
  seed,
  maxSnapshots = 3,
  constantDemand = false,
}: SyntheticOptions): TrainingRow[] {
  const random = new RandomState(seed);
  const rows: TrainingRow[] = [];
  for (let person = 0; person < people; person++) {
    const intensity = Math.exp(random.normal() * 0.8);
    const stage = STAGES[random.int(STAGES.length)] as LifecycleStage;
    const source = SOURCES[random.int(SOURCES.length)] as (typeof SOURCES)[number];
    const snapshots: LeadSnapshot[] = [];
    const count = 1 + random.int(maxSnapshots);
    for (let s = 0; s < count; s++) {
      const engagement = Object.fromEntries(
        ENGAGEMENT_TYPES.map((type) => [type, Math.max(0, Math.round(intensity * (1 + random.normal() * 0.3) * 2))]),
      ) as Record<EngagementType, number>;
      snapshots.push({
        as_of: new Date(Date.UTC(2025, 9 + s * 2, 1 + random.int(27))),
        source,
        stage,
        days_in_stage: 5 + random.int(60),
        days_since_enquiry: 20 + random.int(200),
        days_since_last_activity: random.float() < 0.2 ? null : random.int(40),
        engagement_90d: engagement,
        touches_14d: random.int(5),
        email_valid: true,
        phone_valid: random.float() < 0.7,
        contact_consent: true,
        course_level: random.float() < 0.5 ? 'undergraduate' : 'postgraduate_taught',
        course_demand_90d: constantDemand ? 10 : random.int(80),
        course_fill: null,
      });
    }
    const logit = -1.2 + 2 * Math.log(intensity) + (STAGE_EFFECT[stage] as number);
    const enrolled = random.float() < 1 / (1 + Math.exp(-logit));
    for (const snapshot of snapshots)
      rows.push({ group: `person-${person}`, features: leadFeatures(snapshot), enrolled });
  }
  return rows;
}
