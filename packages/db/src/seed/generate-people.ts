import { type ApplicationRoute, type ApplicationStatus, type LifecycleStage, SOURCES, type Source } from '@ivy/core';
import { DAY_MS, monthKey } from './calendar';
import type { DemoCatalogue, Offering } from './demo-catalogue';
import { type ActivityRow, type EventRow, generateEngagement } from './generate-engagement';
import { DIRT, drawDomicile, type Identity, IdentityFactory, type Region } from './generate-identity';
import { type Rng, WeightedTable } from './rng';
import { EnquiryCalendar } from './seasonality';
import { atAsOf, type LostReason, simulateJourney } from './simulate-journey';

/** How many enquiries each source brings and how good they are (logit offset on the propensity to enrol). */
export const SOURCE_PROFILES: Record<Source, { share: number; effect: number; abroad: number }> = {
  ucas: { share: 0.22, effect: 0.15, abroad: 0.12 },
  organic_search: { share: 0.18, effect: 0, abroad: 0.15 },
  referral: { share: 0.06, effect: 0.9, abroad: 0.12 },
  paid_social: { share: 0.17, effect: -0.9, abroad: 0.12 },
  event: { share: 0.11, effect: 0.6, abroad: 0.05 },
  agent: { share: 0.07, effect: 0.1, abroad: 0.92 },
  direct: { share: 0.12, effect: 0.25, abroad: 0.15 },
  unknown: { share: 0.07, effect: -0.7, abroad: 0.15 },
};

/** Of enquirers from abroad, the share from the EU (the rest are international). */
const EU_SHARE_ABROAD = 0.3;
const REGION_EFFECT: Record<Region, number> = { home: 0, eu: -0.15, international: -0.35 };
/** Relative size of the three intakes (oldest first): recruitment grows a little each year. */
const INTAKE_GROWTH = [1, 1.04, 1.08];

/** Noise around the latent propensity: between people, in engagement and in outcome. */
export const PROPENSITY_NOISE = { latent: 0.9, engagement: 0.7, outcome: 0.8 } as const;

const POLAR4 = new WeightedTable([1, 2, 3, 4, 5], [15, 18, 20, 22, 25]);
const PAID_SOCIAL_PLATFORMS = ['Meta', 'TikTok', 'Snapchat', 'Instagram'];
/** Recruitment agents and the markets they work in. */
const AGENTS: Record<string, string> = {
  NG: 'EduBridge Lagos',
  GH: 'EduBridge Lagos',
  CN: 'Sino-UK Pathways',
  HK: 'Sino-UK Pathways',
  IN: 'StudyLink India',
  PK: 'StudyLink India',
  SA: 'Crescent Education',
  MY: 'Crescent Education',
};
const DEFAULT_AGENT = 'Global Study Partners';
const REFERRALS = ['student-ambassador', 'refer-a-friend', 'teacher-referral'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export type PersonRow = {
  id: string;
  external_ref: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  phone_e164: string | null;
  postcode: string | null;
  date_of_birth: string | null;
  domicile: string;
  consent_email: boolean;
  consent_sms: boolean;
  consent_phone: boolean;
  lifecycle_stage: LifecycleStage;
  enquired_at: number;
  applied_at: number | null;
  offered_at: number | null;
  accepted_at: number | null;
  enrolled_at: number | null;
  lost_at: number | null;
  lost_reason: LostReason | null;
  source: Source;
  source_detail: string | null;
  campaign: string | null;
  course_id: string;
  owner_id: string | null;
  team_id: string;
  /** JSON text. */
  attributes: string;
  last_activity_at: number;
};

export type ApplicationRow = {
  id: string;
  person_id: string;
  course_id: string;
  route: ApplicationRoute;
  status: ApplicationStatus;
  submitted_at: number;
  decided_at: number | null;
  updated_at: number;
};

export type StatusHistoryRow = {
  application_id: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  changed_at: number;
  changed_by: string | null;
  note: string | null;
};

export type GeneratedBatch = {
  people: PersonRow[];
  applications: ApplicationRow[];
  history: StatusHistoryRow[];
  events: EventRow[];
  activities: ActivityRow[];
};

/** What source costs are derived from: enquiries per source and month, and agent-recruited enrolments per month. */
export class SourceTally {
  readonly enquiries = new Map<Source, Map<number, number>>(SOURCES.map((s) => [s, new Map()]));
  readonly agentEnrolments = new Map<number, number>();

  countEnquiry(source: Source, time: number): void {
    const months = this.enquiries.get(source);
    if (!months) return;
    const key = monthKey(time);
    months.set(key, (months.get(key) ?? 0) + 1);
  }

  countAgentEnrolment(time: number): void {
    const key = monthKey(time);
    this.agentEnrolments.set(key, (this.agentEnrolments.get(key) ?? 0) + 1);
  }
}

function ucasPersonalId(index: number): string {
  // A bijection on 10-digit numbers (the multiplier is coprime to the modulus), so ids are unique per person.
  const n = 1_000_000_000 + (((index + 1) * 2_654_435_761) % 8_999_999_999);
  const text = String(n);
  return `${text.slice(0, 3)}-${text.slice(3, 6)}-${text.slice(6)}`;
}

/**
 * Generates people one after another, with their application, status history, engagement and owner activities.
 * Pure apart from its generator state: the same seed, catalogue and `asOf` give the same sequence, whatever the
 * batch sizes asked for.
 */
export class PeopleGenerator {
  readonly tally = new SourceTally();
  private readonly pairs: WeightedTable<{ intakeIndex: number; source: Source; calendar: EnquiryCalendar }>;
  private readonly courseTables: { home: WeightedTable<Offering>; abroad: WeightedTable<Offering> }[];
  private readonly identities: IdentityFactory;
  private readonly recent: Identity[] = [];
  private index = 0;

  constructor(
    private readonly rng: Rng,
    private readonly catalogue: DemoCatalogue,
    seed: number,
    private readonly asOf: number,
  ) {
    const pairs: { intakeIndex: number; source: Source; calendar: EnquiryCalendar }[] = [];
    const weights: number[] = [];
    catalogue.intakes.forEach((dates, intakeIndex) => {
      for (const source of SOURCES) {
        const calendar = new EnquiryCalendar(dates, source, asOf);
        pairs.push({ intakeIndex, source, calendar });
        weights.push((INTAKE_GROWTH[intakeIndex] ?? 1) * SOURCE_PROFILES[source].share * calendar.elapsedShare);
      }
    });
    this.pairs = new WeightedTable(pairs, weights);
    if (this.pairs.total <= 0) throw new Error('asOf is before every enquiry window');
    this.courseTables = catalogue.offerings.map((offerings) => ({
      home: new WeightedTable(
        offerings,
        offerings.map((o) => o.popularity * (o.level === 'postgraduate_taught' ? 0.6 : 1)),
      ),
      abroad: new WeightedTable(
        offerings,
        offerings.map((o) => o.popularity * (o.level === 'postgraduate_taught' ? 3 : 1)),
      ),
    }));
    this.identities = new IdentityFactory(rng, seed);
  }

  generate(count: number): GeneratedBatch {
    const batch: GeneratedBatch = { people: [], applications: [], history: [], events: [], activities: [] };
    for (let i = 0; i < count; i++) this.generateOne(batch);
    return batch;
  }

  private generateOne(batch: GeneratedBatch): void {
    const rng = this.rng;
    const index = this.index++;
    const { intakeIndex, source, calendar } = this.pairs.draw(rng);
    const dates = this.catalogue.intakes[intakeIndex];
    const courseTable = this.courseTables[intakeIndex];
    if (!dates || !courseTable) throw new Error('intake out of range');
    const enquiredAt = calendar.draw(rng);
    const profile = SOURCE_PROFILES[source];
    const region: Region = rng.chance(profile.abroad) ? (rng.chance(EU_SHARE_ABROAD) ? 'eu' : 'international') : 'home';
    const course = (region === 'home' ? courseTable.home : courseTable.abroad).draw(rng);
    const undergraduate = course.level === 'undergraduate' || course.level === 'foundation';

    // Identity, sometimes a near-duplicate of someone who enquired shortly before.
    let identity: Identity;
    const original = this.recent.length > 0 && rng.chance(DIRT.nearDuplicate) ? rng.pick(this.recent) : null;
    if (original && region === 'home') identity = this.identities.duplicateOf(original);
    else {
      const year = dates.intakeYear;
      const births: [number, number] = undergraduate
        ? rng.chance(0.82)
          ? [year - 19, year - 18]
          : [year - 26, year - 20]
        : [year - 36, year - 22];
      identity = this.identities.create(drawDomicile(rng, region), births);
      if (identity.postcode && identity.dateOfBirth) {
        if (this.recent.length < 500) this.recent.push(identity);
        else this.recent[rng.int(0, this.recent.length - 1)] = identity;
      }
    }
    const domicile = identity.domicile;
    const homeFees = domicile === 'GB' || domicile === 'IE';
    const polar = region === 'home' && undergraduate ? POLAR4.draw(rng) : null;

    // Latent propensity, then its noisy expressions in engagement and in outcome.
    const latent =
      profile.effect +
      REGION_EFFECT[region] +
      course.appeal +
      (polar === null ? 0 : (polar - 3) * 0.06) +
      PROPENSITY_NOISE.latent * rng.normal();
    const engagementDrive = latent + PROPENSITY_NOISE.engagement * rng.normal();
    const outcomeDrive = latent + PROPENSITY_NOISE.outcome * rng.normal();

    const journey = simulateJourney(rng, {
      dates,
      enquiredAt,
      level: course.level,
      interviews: course.interviews,
      auditions: course.departmentCode === 'MUS',
      region,
      source,
      drive: outcomeDrive,
    });
    const view = atAsOf(journey, this.asOf);

    const team = course.teams[region === 'home' ? 'home' : 'international'];
    const ownerId = rng.chance(0.02) ? null : rng.pick(team.ownerIds);
    const personId = rng.uuid();
    const clearing = view.route === 'clearing' || (undergraduate && enquiredAt >= dates.clearingOpens);

    let latest = generateEngagement(
      rng,
      {
        personId,
        ownerId,
        source,
        enquiredAt,
        journey: view,
        drive: engagementDrive,
        courseSlug: course.slug,
        international: region !== 'home',
        clearing,
        asOf: this.asOf,
      },
      batch.events,
      batch.activities,
    );
    for (const time of [view.appliedAt, view.offeredAt, view.acceptedAt, view.enrolledAt, view.lostAt]) {
      if (time !== null && time > latest) latest = time;
    }

    if (view.appliedAt !== null && view.route !== null) {
      const applicationId = rng.uuid();
      const lastChange = view.history.at(-1);
      batch.applications.push({
        id: applicationId,
        person_id: personId,
        course_id: course.courseId,
        route: view.route,
        status: view.status ?? 'submitted',
        submitted_at: view.appliedAt,
        decided_at: view.decidedAt,
        updated_at: lastChange?.at ?? view.appliedAt,
      });
      for (const change of view.history) {
        batch.history.push({
          application_id: applicationId,
          from_status: change.from,
          to_status: change.to,
          changed_at: change.at,
          changed_by: change.byStaff ? ownerId : null,
          note: change.note,
        });
        if (change.at > latest) latest = change.at;
      }
    }

    this.tally.countEnquiry(source, enquiredAt);
    if (source === 'agent' && view.enrolledAt !== null) this.tally.countAgentEnrolment(view.enrolledAt);

    const attributes: string[] = [`"fee_status":"${homeFees ? 'home' : 'international'}"`];
    if (polar !== null) attributes.push(`"polar4_quintile":${polar}`, `"first_in_family":${rng.chance(0.38)}`);
    if (!homeFees) {
      attributes.push('"visa_required":true');
      if (view.acceptedAt !== null) {
        attributes.push(`"deposit_paid":${view.enrolledAt !== null || rng.chance(0.7)}`);
        const casDue = view.enrolledAt !== null || view.acceptedAt + 30 * DAY_MS <= this.asOf;
        attributes.push(`"cas_issued":${casDue && (view.enrolledAt !== null || rng.chance(0.6))}`);
      }
    }

    const viaUcas = view.route === 'ucas' || (view.route === 'clearing' && undergraduate);
    batch.people.push({
      id: personId,
      external_ref: viaUcas && view.appliedAt !== null ? ucasPersonalId(index) : null,
      first_name: identity.firstName,
      last_name: identity.lastName,
      email: identity.email,
      phone: identity.phone,
      phone_e164: identity.phoneE164,
      postcode: identity.postcode,
      date_of_birth: identity.dateOfBirth,
      domicile,
      consent_email: identity.email !== null && rng.chance(0.86),
      consent_sms: identity.phone !== null && rng.chance(0.35),
      consent_phone: identity.phone !== null && rng.chance(0.45),
      lifecycle_stage: view.stage,
      enquired_at: enquiredAt,
      applied_at: view.appliedAt,
      offered_at: view.offeredAt,
      accepted_at: view.acceptedAt,
      enrolled_at: view.enrolledAt,
      lost_at: view.lostAt,
      lost_reason: view.lostReason,
      source,
      ...this.sourceDetail(source, domicile, enquiredAt, undergraduate, clearing, dates.intakeYear),
      course_id: course.courseId,
      owner_id: ownerId,
      team_id: team.teamId,
      attributes: `{${attributes.join(',')}}`,
      last_activity_at: latest,
    });
  }

  private sourceDetail(
    source: Source,
    domicile: string,
    enquiredAt: number,
    undergraduate: boolean,
    clearing: boolean,
    intakeYear: number,
  ): { source_detail: string | null; campaign: string | null } {
    const rng = this.rng;
    switch (source) {
      case 'ucas':
        return {
          source_detail: clearing ? 'UCAS Clearing' : rng.pick(['UCAS Apply', 'UCAS Hub', 'UCAS Exhibition']),
          campaign: null,
        };
      case 'paid_social': {
        const platform = rng.pick(PAID_SOCIAL_PLATFORMS);
        const audience = clearing ? 'clearing' : undergraduate ? 'ug' : 'pg';
        return { source_detail: platform, campaign: `${platform.toLowerCase()}-${audience}-${intakeYear}` };
      }
      case 'event': {
        const date = new Date(enquiredAt);
        const month = MONTH_NAMES[date.getUTCMonth()] ?? 'september';
        return { source_detail: 'Open day', campaign: `open-day-${month}-${date.getUTCFullYear()}` };
      }
      case 'agent':
        return { source_detail: AGENTS[domicile] ?? DEFAULT_AGENT, campaign: null };
      case 'referral':
        return { source_detail: null, campaign: rng.pick(REFERRALS) };
      case 'organic_search':
        return { source_detail: rng.chance(0.8) ? 'Google' : 'Bing', campaign: null };
      case 'direct':
        return { source_detail: null, campaign: rng.chance(0.3) ? 'prospectus-request' : null };
      default:
        return { source_detail: rng.chance(0.3) ? 'legacy import' : null, campaign: null };
    }
  }
}
