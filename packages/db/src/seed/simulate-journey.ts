import type { ApplicationRoute, ApplicationStatus, CourseLevel, LifecycleStage, Source } from '@ivy/core';
import { type CycleDates, DAY_MS, HOUR_MS, startOfUtcDay } from './calendar';
import type { Region } from './generate-identity';
import { type Rng, sigmoid } from './rng';

export const LOST_REASONS = [
  'no_response',
  'chose_another_university',
  'withdrew',
  'rejected',
  'declined_offer',
  'no_show',
] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/**
 * Intercepts of each step of the funnel on the logit scale; a person's drive (their latent propensity plus outcome
 * noise) is added to them. With drive ≈ 0 under a third of enquirers apply (most UCAS-sourced leads do), four in
 * five applications get an offer, two in five offer holders accept, and most firm acceptances enrol: overall about
 * one enquirer in six enrols, from under one in ten (paid social) to about one in three (referrals).
 */
export const FUNNEL = {
  apply: -0.9,
  /** UCAS-sourced leads mostly arrive as applications already. */
  applyUcasBonus: 1.2,
  applyClearingBonus: 0.8,
  withdrawBeforeDecision: 0.05,
  offer: 1.5,
  offerSlope: 0.6,
  accept: -0.5,
  enrolFirm: 1.7,
  enrolFirmSlope: 0.7,
  enrolInsurance: -0.6,
  /** Share of the lost who are never marked lost and linger in their last stage (stalled records). */
  stalledEnquirers: 0.22,
  stalledApplicants: 0.2,
  stalledOfferHolders: 0.1,
} as const;

export type JourneyInput = {
  dates: CycleDates;
  enquiredAt: number;
  level: CourseLevel;
  /** Interviews or auditions before an offer. */
  interviews: boolean;
  /** Music courses audition rather than interview. */
  auditions: boolean;
  region: Region;
  source: Source;
  /** Latent propensity to enrol plus outcome noise (logit scale). */
  drive: number;
};

export type StatusChange = {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  at: number;
  /** Decisions are recorded by the owner; applicant actions (submit, reply, withdraw) by nobody. */
  byStaff: boolean;
  note: string | null;
};

export type Journey = {
  route: ApplicationRoute | null;
  appliedAt: number | null;
  decidedAt: number | null;
  offeredAt: number | null;
  acceptedAt: number | null;
  enrolledAt: number | null;
  lostAt: number | null;
  lostReason: LostReason | null;
  history: StatusChange[];
  /** When the person stops engaging (their last plausible interaction). */
  engagementEnd: number;
};

export type JourneyAtAsOf = Journey & { stage: LifecycleStage; status: ApplicationStatus | null };

/** A moment in office hours (09:00–17:30) on the day of `time`, or on the next day when that would be earlier. */
function officeHours(rng: Rng, time: number): number {
  const moment = startOfUtcDay(time) + 9 * HOUR_MS + Math.floor(rng.float() * 8.5 * HOUR_MS);
  return moment >= time ? moment : moment + DAY_MS;
}

function days(n: number): number {
  return n * DAY_MS;
}

/**
 * The whole admissions journey of one enquirer as it will unfold, ignoring `asOf`: whether and when they apply,
 * the decision, their reply, enrolment or the point at which they are lost. `atAsOf` then cuts it at the data's date.
 */
export function simulateJourney(rng: Rng, input: JourneyInput): Journey {
  const { dates, enquiredAt: enquired, drive } = input;
  const undergraduate = input.level === 'undergraduate' || input.level === 'foundation';
  const clearing = undergraduate && enquired >= dates.clearingOpens;
  const journey: Journey = {
    route: null,
    appliedAt: null,
    decidedAt: null,
    offeredAt: null,
    acceptedAt: null,
    enrolledAt: null,
    lostAt: null,
    lostReason: null,
    history: [],
    engagementEnd: enquired,
  };

  const applyLogit =
    FUNNEL.apply +
    drive +
    (input.source === 'ucas' ? FUNNEL.applyUcasBonus : 0) +
    (clearing ? FUNNEL.applyClearingBonus : 0);
  if (!rng.chance(sigmoid(applyLogit))) {
    // Drifts away: interest fades after a few weeks, and the team closes the record later — or never does.
    const fade = Math.min(enquired + days(rng.exponential(clearing ? 10 : 90)), dates.intake + days(10));
    journey.engagementEnd = Math.max(enquired, fade);
    if (!rng.chance(FUNNEL.stalledEnquirers)) {
      const marked = Math.min(journey.engagementEnd + days(rng.between(30, 150)), dates.cycleClose);
      journey.lostAt = officeHours(rng, Math.max(marked, journey.engagementEnd));
      journey.lostReason = rng.chance(0.75) ? 'no_response' : 'chose_another_university';
    }
    return journey;
  }

  // Application
  let route: ApplicationRoute =
    undergraduate && !(input.region === 'international' && rng.chance(0.15)) ? 'ucas' : 'direct';
  let applied: number;
  if (clearing) {
    route = 'clearing';
    applied = enquired + days(rng.between(0, 2));
  } else if (route === 'ucas') {
    if (input.source === 'ucas' && enquired >= dates.applicationsOpen && rng.chance(0.5)) applied = enquired;
    else {
      applied = Math.max(enquired, dates.applicationsOpen) + days(rng.exponential(30));
      const deadline = dates.equalConsiderationDeadline;
      if (applied > deadline && enquired < deadline - days(5) && rng.chance(0.75)) {
        applied = Math.max(enquired, dates.applicationsOpen, deadline - days(rng.between(0, 12)));
      }
      if (applied > dates.finalDeadline) {
        route = 'clearing';
        applied = Math.max(applied, dates.clearingOpens);
      }
    }
  } else {
    applied = enquired + days(rng.exponential(25));
    if (applied > dates.intake - days(10)) applied = enquired + days(rng.between(0, 3));
  }
  const fast = route === 'clearing';
  if (fast && applied > dates.intake - days(1)) applied = Math.max(enquired, dates.intake - days(rng.between(1, 3)));
  journey.route = route;
  journey.appliedAt = applied;
  const history = journey.history;
  const change = (
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    at: number,
    byStaff: boolean,
    note: string | null = null,
  ) => history.push({ from, to, at, byStaff, note });
  change(null, 'submitted', applied, false);

  let last: ApplicationStatus = 'submitted';
  let at = applied;
  if (!fast) {
    at = officeHours(rng, applied + days(rng.between(1, 7)));
    change(last, 'under_review', at, true);
    last = 'under_review';
  }
  if (input.interviews && !(fast && rng.chance(0.7))) {
    at = officeHours(rng, at + days(fast ? rng.between(0, 1) : rng.between(10, 40)));
    change(last, 'interview', at, true, input.auditions ? 'Audition' : 'Interview');
    last = 'interview';
  }

  // Some withdraw before a decision; a few of those just go silent.
  if (rng.chance(FUNNEL.withdrawBeforeDecision)) {
    const gone = at + days(rng.between(2, 30));
    journey.engagementEnd = gone;
    if (!rng.chance(FUNNEL.stalledApplicants)) {
      change(last, 'withdrawn', gone, false);
      journey.lostAt = gone;
      journey.lostReason = 'withdrew';
    }
    return journey;
  }

  // Decision
  let decided = fast
    ? officeHours(rng, at + days(rng.between(0, 1)))
    : officeHours(rng, at + days(route === 'direct' ? rng.between(7, 30) : rng.between(5, 40)));
  // Late applications are decided in a hurry before teaching starts.
  const latestDecision = dates.intake - days(3);
  if (!fast && decided > latestDecision)
    decided = officeHours(rng, Math.max(at, latestDecision - days(rng.between(0, 7))));
  journey.decidedAt = decided;
  if (!rng.chance(sigmoid(FUNNEL.offer + FUNNEL.offerSlope * drive))) {
    change(last, 'rejected', decided, true);
    journey.engagementEnd = decided;
    journey.lostAt = decided;
    journey.lostReason = 'rejected';
    return journey;
  }
  const conditional = route === 'clearing' ? rng.chance(0.1) : rng.chance(route === 'ucas' ? 0.85 : 0.6);
  const offer: ApplicationStatus = conditional ? 'offer_conditional' : 'offer_unconditional';
  change(last, offer, decided, true);
  journey.offeredAt = decided;

  // Reply
  let replied: number;
  if (fast) replied = decided + days(rng.between(0.05, 2));
  else if (route === 'ucas') {
    // UCAS applicants mostly reply once all their choices have decided, after the January deadline.
    replied = rng.chance(0.15)
      ? decided + days(rng.exponential(20))
      : Math.max(decided + days(rng.between(2, 14)), dates.equalConsiderationDeadline + days(rng.exponential(50)));
    if (replied > dates.replyDate) {
      replied =
        decided < dates.replyDate - days(21)
          ? dates.replyDate - days(rng.between(0, 20))
          : decided + days(rng.between(2, 14));
    }
  } else {
    replied = decided + days(rng.between(7, 50));
    if (replied > dates.intake - days(3)) replied = decided + days(rng.between(1, 4));
  }
  if (!rng.chance(sigmoid(FUNNEL.accept + drive))) {
    journey.engagementEnd = replied;
    if (!rng.chance(FUNNEL.stalledOfferHolders)) {
      change(offer, 'declined', replied, false);
      journey.lostAt = replied;
      journey.lostReason = rng.chance(0.55) ? 'declined_offer' : 'chose_another_university';
    }
    return journey;
  }
  const insurance = route === 'ucas' && rng.chance(0.22);
  const accepted: ApplicationStatus = insurance ? 'accepted_insurance' : 'accepted_firm';
  change(offer, accepted, replied, false);
  journey.acceptedAt = replied;

  // Enrolment (registration runs from a few days before teaching starts to the third week)
  const enrolment = Math.max(officeHours(rng, dates.intake + days(rng.between(-3, 18))), replied + HOUR_MS);
  // Once they have accepted, most go quiet until enrolment (or until they drop out).
  const quietAfter = replied + days(rng.exponential(45));
  const enrolLogit = insurance ? FUNNEL.enrolInsurance + 0.5 * drive : FUNNEL.enrolFirm + FUNNEL.enrolFirmSlope * drive;
  if (rng.chance(sigmoid(enrolLogit))) {
    change(accepted, 'enrolled', enrolment, true);
    journey.enrolledAt = enrolment;
    journey.engagementEnd = Math.min(enrolment, quietAfter);
    return journey;
  }
  const lose = (reason: LostReason, time: number, status: ApplicationStatus, byStaff: boolean, note: string | null) => {
    const when = Math.max(time, replied + HOUR_MS);
    change(accepted, status, when, byStaff, note);
    journey.lostAt = when;
    journey.lostReason = reason;
    journey.engagementEnd = Math.min(when, quietAfter);
  };
  const results = officeHours(rng, dates.resultsDay + days(rng.between(0, 4)));
  if (insurance) lose('chose_another_university', results, 'withdrawn', false, 'Placed with firm choice');
  else if (conditional && route === 'ucas' && rng.chance(0.35))
    lose('rejected', results, 'rejected', true, 'Conditions not met');
  else if (rng.chance(0.55)) lose('no_show', enrolment + days(rng.between(14, 30)), 'withdrawn', true, 'Did not enrol');
  else lose('withdrew', replied + rng.float() * Math.max(HOUR_MS, dates.intake - replied), 'withdrawn', false, null);
  return journey;
}

/** The journey as recorded at `asOf`: later steps have not happened yet, and the stage follows from what has. */
export function atAsOf(journey: Journey, asOf: number): JourneyAtAsOf {
  const keep = (time: number | null) => (time !== null && time <= asOf ? time : null);
  const history = journey.history.filter((change) => change.at <= asOf);
  const lostAt = keep(journey.lostAt);
  const view: Journey = {
    route: journey.route,
    appliedAt: keep(journey.appliedAt),
    decidedAt: keep(journey.decidedAt),
    offeredAt: keep(journey.offeredAt),
    acceptedAt: keep(journey.acceptedAt),
    enrolledAt: keep(journey.enrolledAt),
    lostAt,
    lostReason: lostAt === null ? null : journey.lostReason,
    history,
    engagementEnd: Math.min(journey.engagementEnd, asOf),
  };
  let stage: LifecycleStage = 'enquirer';
  if (view.lostAt !== null) stage = 'lost';
  else if (view.enrolledAt !== null) stage = 'enrolled';
  else if (view.acceptedAt !== null) stage = 'accepted';
  else if (view.offeredAt !== null) stage = 'offer';
  else if (view.appliedAt !== null) stage = 'applicant';
  return { ...view, stage, status: history.at(-1)?.to ?? null };
}
