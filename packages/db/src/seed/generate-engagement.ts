import type { ActivityType, EngagementType, Source } from '@ivy/core';
import { DAY_MS, HOUR_MS, startOfUtcDay } from './calendar';
import { type Rng, WeightedTable } from './rng';
import type { JourneyAtAsOf } from './simulate-journey';

export type EventRow = {
  person_id: string;
  type: EngagementType;
  occurred_at: number;
  duration_seconds: number | null;
  /** JSON text. */
  metadata: string;
};

export type ActivityRow = {
  id: string;
  person_id: string;
  user_id: string | null;
  type: ActivityType;
  subject: string;
  body: string | null;
  occurred_at: number;
};

/**
 * Engagement volume: exp(base + slope · drive) events per `referenceDays` of active time, growing sub-linearly
 * (exponent `power`) with longer journeys. `drive` is the person's latent propensity plus engagement noise.
 */
export const ENGAGEMENT = {
  base: 1.15,
  slope: 1.0,
  power: 0.35,
  referenceDays: 60,
  /** Event times are enquiry + span · u^decay: above 1, events bunch up early in the journey. */
  decay: 1.6,
  /**
   * Lost people still engage a little for a while — newsletters, the odd visit (events per 30 days, over up to
   * `tailDays`) — so the end of engagement does not give the outcome away.
   */
  tailEventsPer30Days: 0.4,
  tailDays: 240,
  /** Owners log most calls and meetings as activities, and the odd note. */
  callLogged: 0.65,
  meetingLogged: 0.7,
  offerEmailLogged: 0.4,
  notesPerPerson: 0.3,
} as const;

const BEFORE_APPLYING = WeightedTable.fromRecord<EngagementType>({
  email_open: 40,
  email_click: 12,
  web_visit: 30,
  // Prospects can register on the portal (open-day bookings, saved courses) before applying.
  portal_login: 7,
  event_attended: 4,
  call: 4,
  meeting: 1,
  form_submit: 8,
});

const AFTER_APPLYING = WeightedTable.fromRecord<EngagementType>({
  email_open: 30,
  email_click: 10,
  web_visit: 22,
  portal_login: 16,
  event_attended: 4,
  call: 8,
  meeting: 2,
  form_submit: 2,
});

const CAMPAIGNS_BEFORE = [
  'open-day-invite',
  'course-spotlight',
  'prospectus-follow-up',
  'ucas-deadline-reminder',
  'student-life',
];
const CAMPAIGNS_AFTER = [
  'application-received',
  'offer-holder-newsletter',
  'accommodation-guide',
  'applicant-day-invite',
  'enrolment-instructions',
];
const PAGES = ['/fees-and-funding', '/accommodation', '/open-days', '/apply', '/student-life', '/entry-requirements'];
const EVENTS_BEFORE = ['Open Day', 'Virtual Information Session', 'UCAS Exhibition', 'Campus Tour'];
const EVENTS_AFTER = ['Applicant Day', 'Offer Holder Day', 'Virtual Q&A'];
const FORMS = ['enquiry', 'prospectus-request', 'open-day-booking', 'callback-request'];

const CALL_SUBJECTS = [
  'Called about entry requirements',
  'Returned call re: accommodation',
  'Discussed fees and student finance',
  'Follow-up call after open day',
  'Call about personal statement',
  'Checked in on application progress',
];
const INTERNATIONAL_CALL_SUBJECTS = [
  'Call about visa and CAS',
  'Discussed English language requirements',
  'Deposit and scholarship call',
];
const CLEARING_CALL_SUBJECTS = ['Clearing call — talked through options', 'Clearing call — verbal offer discussed'];
const MEETING_SUBJECTS = ['Met at open day', 'Campus tour and course chat', 'Online meeting with course leader'];
const NOTES: { type: ActivityType; subject: string; body: string | null }[] = [
  { type: 'email', subject: 'Sent prospectus', body: null },
  { type: 'email', subject: 'Shared fee and funding information', body: 'Sent the fees page and bursary details.' },
  { type: 'note', subject: 'Follow-up after open day', body: 'Enjoyed the department talk; wants to visit again.' },
  { type: 'note', subject: 'Prefers contact by e-mail', body: null },
  { type: 'task', subject: 'Chase missing reference', body: null },
  { type: 'note', subject: 'Asked about placement year', body: null },
  { type: 'email', subject: 'Reminder: equal-consideration deadline', body: null },
  { type: 'note', subject: 'Scholarship enquiry noted', body: null },
  { type: 'task', subject: 'Call back next week', body: null },
];

export type EngagementInput = {
  personId: string;
  ownerId: string | null;
  source: Source;
  enquiredAt: number;
  journey: JourneyAtAsOf;
  /** Latent propensity plus engagement noise (logit scale). */
  drive: number;
  courseSlug: string;
  international: boolean;
  clearing: boolean;
  asOf: number;
};

/** The time of day for an event type: people read e-mail and browse from 07:00 to 23:00, staff call in office hours. */
function placeInDay(rng: Rng, time: number, type: EngagementType, from: number, to: number): number {
  const office = type === 'call' || type === 'meeting';
  const start = office ? 9 : 7;
  const span = office ? 8 : 16;
  const moment = startOfUtcDay(time) + start * HOUR_MS + Math.floor(rng.float() * span * HOUR_MS);
  return moment >= from && moment <= to ? moment : time;
}

function metadataFor(rng: Rng, type: EngagementType, afterApplying: boolean, input: EngagementInput): string {
  switch (type) {
    case 'email_open':
    case 'email_click': {
      const campaign = input.clearing
        ? 'clearing-vacancies'
        : rng.pick(afterApplying ? CAMPAIGNS_AFTER : CAMPAIGNS_BEFORE);
      return `{"campaign":"${campaign}"}`;
    }
    case 'web_visit':
      return `{"page":"${rng.chance(0.5) ? `/courses/${input.courseSlug}` : input.clearing ? '/clearing' : rng.pick(PAGES)}"}`;
    case 'event_attended':
      return `{"event":"${rng.pick(afterApplying ? EVENTS_AFTER : EVENTS_BEFORE)}"}`;
    case 'form_submit':
      return `{"form":"${rng.pick(FORMS)}"}`;
    case 'meeting':
      return `{"format":"${rng.chance(0.6) ? 'online' : 'campus'}"}`;
    default:
      return '{}';
  }
}

/**
 * A person's engagement events between their enquiry and the end of their journey (or `asOf`), and the activities
 * their owner logged. Higher drive means more events and longer web visits; everything stays inside the window.
 */
export function generateEngagement(
  rng: Rng,
  input: EngagementInput,
  events: EventRow[],
  activities: ActivityRow[],
): number {
  const { journey, enquiredAt, personId } = input;
  const end = Math.max(enquiredAt, journey.engagementEnd);
  const span = end - enquiredAt;
  const appliedAt = journey.appliedAt;
  let latest = enquiredAt;

  const pushEvent = (type: EngagementType, at: number, afterApplying: boolean) => {
    let duration: number | null = null;
    let metadata = metadataFor(rng, type, afterApplying, input);
    if (type === 'web_visit') duration = Math.min(3600, Math.round(rng.logNormal(4.4 + 0.25 * input.drive, 0.9)));
    else if (type === 'meeting') duration = 900 + 300 * rng.int(0, 9);
    else if (type === 'call') {
      const answered = rng.chance(0.8);
      duration = answered ? Math.min(3600, Math.round(rng.logNormal(5.4, 0.7))) : 0;
      metadata = `{"direction":"${rng.chance(0.8) ? 'outbound' : 'inbound'}","outcome":"${answered ? 'answered' : 'no_answer'}"}`;
      if (rng.chance(ENGAGEMENT.callLogged)) {
        const subjects = input.clearing
          ? CLEARING_CALL_SUBJECTS
          : input.international && rng.chance(0.5)
            ? INTERNATIONAL_CALL_SUBJECTS
            : CALL_SUBJECTS;
        activities.push({
          id: rng.uuid(),
          person_id: personId,
          user_id: input.ownerId,
          type: 'call',
          subject: answered ? rng.pick(subjects) : 'Left voicemail — no answer',
          body: null,
          occurred_at: at,
        });
      }
    }
    if (type === 'meeting' && rng.chance(ENGAGEMENT.meetingLogged)) {
      activities.push({
        id: rng.uuid(),
        person_id: personId,
        user_id: input.ownerId,
        type: 'meeting',
        subject: rng.pick(MEETING_SUBJECTS),
        body: null,
        occurred_at: at,
      });
    }
    events.push({ person_id: personId, type, occurred_at: at, duration_seconds: duration, metadata });
    if (at > latest) latest = at;
  };

  // The enquiry itself usually arrives as a form or at an event.
  if (input.source === 'event') pushEvent('event_attended', enquiredAt, false);
  else if (input.source !== 'ucas' && (input.source !== 'unknown' || rng.chance(0.5)))
    pushEvent('form_submit', enquiredAt, false);

  const activeDays = Math.max(0.5, span / DAY_MS);
  const mean =
    Math.exp(ENGAGEMENT.base + ENGAGEMENT.slope * input.drive) *
    (activeDays / ENGAGEMENT.referenceDays) ** ENGAGEMENT.power;
  const count = rng.poisson(mean);
  for (let i = 0; i < count; i++) {
    // Interest is keenest soon after the enquiry and tails off.
    const raw = enquiredAt + Math.floor(rng.float() ** ENGAGEMENT.decay * span);
    const afterApplying = appliedAt !== null && raw >= appliedAt;
    const type = (afterApplying ? AFTER_APPLYING : BEFORE_APPLYING).draw(rng);
    pushEvent(type, placeInDay(rng, raw, type, enquiredAt, end), afterApplying);
  }

  if (journey.stage === 'lost' && journey.lostAt !== null) {
    const tailEnd = Math.min(input.asOf, journey.lostAt + rng.between(0, ENGAGEMENT.tailDays) * DAY_MS);
    const tailSpan = tailEnd - journey.lostAt;
    const tail = rng.poisson((ENGAGEMENT.tailEventsPer30Days * tailSpan) / (30 * DAY_MS));
    for (let i = 0; i < tail; i++) {
      const time = journey.lostAt + Math.floor(rng.float() * tailSpan);
      const type = BEFORE_APPLYING.draw(rng);
      pushEvent(type, placeInDay(rng, time, type, journey.lostAt, tailEnd), false);
    }
  }

  if (journey.offeredAt !== null && rng.chance(ENGAGEMENT.offerEmailLogged)) {
    activities.push({
      id: rng.uuid(),
      person_id: personId,
      user_id: input.ownerId,
      type: 'email',
      subject: 'Offer letter sent',
      body: null,
      occurred_at: journey.offeredAt,
    });
  }
  const notes = rng.poisson(ENGAGEMENT.notesPerPerson);
  for (let i = 0; i < notes; i++) {
    const note = rng.pick(NOTES);
    const at = enquiredAt + Math.floor(rng.float() * span);
    activities.push({ id: rng.uuid(), person_id: personId, user_id: input.ownerId, ...note, occurred_at: at });
    if (at > latest) latest = at;
  }
  return latest;
}
