import type { PiiCandidate } from './detectors';

/*
 * Names have no format, so a capitalised sequence counts as a name only with evidence: a title, a role word
 * ("Student", "applicant"), a greeting or sign-off, "name:", a verb of contact ("spoke to"), or an e-mail address
 * right after it. Tokens that are capitalised for other reasons (months, courses, institutions, places, sentence
 * openers) end the sequence.
 */

const TOKEN = String.raw`(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}\p{Ll}+)?`;
// A token must end its word: "Streeta0@…" is no name.
const WORD = `${TOKEN}(?![\\p{L}\\p{N}_])`;
const ANY_SEQUENCE = new RegExp(`(?<![\\p{L}\\p{N}'’-])${WORD}(?:[ \\t]+${WORD}){1,2}`, 'gu');
const SEQUENCE = new RegExp(`${WORD}(?:[ \\t]+${WORD}){0,2}`, 'uy');
const TOKEN_SPLIT = /[ \t]+/;

/** Words that are capitalised in admissions text but are not (parts of) people's names. */
const NOT_NAME = new Set(
  `January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul
  Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun
  The This That These Those There Then Thanks Thank Please Dear Hi Hello Hey Regards Kind Best Many Yours Sincerely
  Sir Madam Team All St Saint Everyone Colleagues Mr Mrs Ms Miss Mx Dr Prof Professor He She They We Our Your His Her Their
  It Its And But Or If When After Before Today Tomorrow Yesterday Yes No Not Also Just Will Can Could Would Should
  University College School Academy Sixth Form Campus Admissions Admission Office Department Faculty Centre Center
  Open Day Days Evening Event Events Fair Clearing Extra Adjustment Confirmation Results Offer Offers Firm Insurance
  UCAS Student Students Finance Loan Loans Accommodation Halls Hall Scholarship Bursary Fees Fee Visa Portal
  Computer Science Sciences Business Management Law Psychology Engineering Nursing Medicine Dentistry History English
  Maths Mathematics Physics Chemistry Biology Economics Accounting Art Arts Design Music Drama Sociology Philosophy
  Geography Politics Education Studies Foundation Year Years Degree Masters Bachelor Honours Level Levels Diploma
  Course Courses Programme Module Modules Sport Media Marketing Film Fashion Games Animation Criminology Pharmacy
  Midwifery Paramedic Social Work Architecture Civil Mechanical Electrical Data Cyber Security International
  Relations Journalism Photography Theatre Dance Veterinary Biomedical Forensic Environmental Languages French
  Spanish German Chinese Arabic Japanese Italian Creative Writing Literature Teaching Primary Secondary
  London Manchester Leeds Birmingham Bristol Sheffield Liverpool Newcastle Nottingham Leicester Glasgow Edinburgh
  Cardiff Belfast York Oxford Cambridge Bradford Coventry Hull Derby Southampton Portsmouth Brighton Reading
  Exeter Plymouth Norwich Lincoln Preston Bolton Salford Sunderland Durham Bath Lancaster Huddersfield Wakefield
  England Scotland Wales Ireland Northern Britain British United Kingdom UK India China Nigeria Pakistan Ghana Kenya
  Christmas Easter Summer Autumn Spring Winter Term Semester Ivy Google Instagram Facebook TikTok Zoom Teams WhatsApp
  Email Phone Call Called Mobile Address Note Notes Update Follow Re Fwd Subject Application Applicant Enquiry
  Sponsor Agent Staff Tutor Teacher Interview Audition Portfolio Deadline Deposit Reference Personal Statement Predicted Grades Grade Parent Mum Dad`.split(
    /\s+/,
  ),
);

/** Endings that make a capitalised pair a street ("Park Road"), not a person. */
const STREET_WORDS = new Set(['Road', 'Rd', 'Street', 'Avenue', 'Ave', 'Drive', 'Close', 'Crescent', 'Terrace', 'Way']);

interface Trigger {
  pattern: RegExp;
  /** Confidence when the name has one token and when it has two or more. */
  single: number;
  multiple: number;
  detector: string;
}

const TRIGGERS: Trigger[] = [
  {
    pattern: /\b(?:mr|mrs|ms|miss|mx|dr|prof|professor)\.?[ \t]+/gi,
    single: 0.85,
    multiple: 0.92,
    detector: 'name_title',
  },
  {
    pattern:
      /\b(?:student|applicant|enquirer|candidate|pupil|parent|mother|father|mum|dad|guardian|son|daughter|caller|prospect|lead|offer holder)[ \t]+/gi,
    single: 0.6,
    multiple: 0.88,
    detector: 'name_role',
  },
  {
    pattern: /\b(?:(?:full |first |last |sur)?name(?:[ \t]+(?:is|was))?[ \t]*[:-]?|my name is|called|named)[ \t]+/gi,
    single: 0.8,
    multiple: 0.9,
    detector: 'name_label',
  },
  { pattern: /\b(?:i am|i'm|i’m|this is)[ \t]+/gi, single: 0.55, multiple: 0.8, detector: 'name_introduction' },
  { pattern: /\b(?:dear|hi|hello|hey)[ \t]+/gi, single: 0.85, multiple: 0.9, detector: 'name_greeting' },
  {
    pattern:
      /\b(?:spoke (?:to|with)|talked (?:to|with)|speaking (?:to|with)|call(?:ed)? with|emailed|e-mailed|met with|met|rang|phoned|texted|messaged|chased|contacted|reminded|told|asked|advised|left (?:a )?voicemail for|passed to|referred)[ \t]+/gi,
    single: 0.6,
    multiple: 0.8,
    detector: 'name_contact_verb',
  },
  {
    pattern: /\b(?:regards|wishes|thanks|thank you|cheers|sincerely|faithfully)[ \t]*,?[ \t]*\r?\n?[ \t]*(?=\p{Lu})/giu,
    single: 0.75,
    multiple: 0.85,
    detector: 'name_sign_off',
  },
];

const BEFORE_EMAIL = /^[ \t]*(?:[<(,–-][ \t]*)?(?:e-?mail[ \t]*:?[ \t]*)?[A-Za-z0-9._%+-]+@/;

/** Leading tokens of `sequence` up to the first one that is not a name. */
function nameTokens(sequence: string): string[] {
  const tokens = sequence.split(TOKEN_SPLIT);
  const kept: string[] = [];
  for (const token of tokens) {
    if (NOT_NAME.has(token)) break;
    kept.push(token);
  }
  return kept;
}

function sequenceAt(text: string, index: number): { start: number; end: number; tokens: string[] } | null {
  SEQUENCE.lastIndex = index;
  const m = SEQUENCE.exec(text);
  if (!m) return null;
  const tokens = nameTokens(m[0]);
  if (tokens.length === 0) return null;
  return { start: index, end: index + tokens.join(' ').length + countExtraSpace(m[0], tokens.length), tokens };
}

/** Characters of whitespace beyond one between the kept tokens (names written with two spaces). */
function countExtraSpace(sequence: string, keptTokens: number): number {
  const separators = sequence.match(/[ \t]+/g) ?? [];
  return separators.slice(0, keptTokens - 1).reduce((sum, s) => sum + s.length - 1, 0);
}

export function detectNames(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const trigger of TRIGGERS) {
    for (const m of text.matchAll(trigger.pattern)) {
      const found = sequenceAt(text, m.index + m[0].length);
      if (!found) continue;
      out.push({
        type: 'name',
        start: found.start,
        end: found.end,
        confidence: found.tokens.length > 1 ? trigger.multiple : trigger.single,
        detector: trigger.detector,
      });
    }
  }
  for (const m of text.matchAll(ANY_SEQUENCE)) {
    const tokens = nameTokens(m[0]);
    if (tokens.length < 2 || STREET_WORDS.has(tokens.at(-1) ?? '')) continue;
    const end = m.index + tokens.join(' ').length + countExtraSpace(m[0], tokens.length);
    if (BEFORE_EMAIL.test(text.slice(end, end + 80))) {
      out.push({ type: 'name', start: m.index, end, confidence: 0.85, detector: 'name_before_email' });
    } else if (!atSentenceStart(text, m.index)) {
      out.push({ type: 'name', start: m.index, end, confidence: 0.5, detector: 'name_capitalised' });
    } else if (PERSON_VERB_AFTER.test(text.slice(end, end + 30))) {
      out.push({ type: 'name', start: m.index, end, confidence: 0.6, detector: 'name_subject' });
    }
  }
  // A lone capitalised word opening a sentence is a name only when a verb of contact follows ("Priya rang back").
  for (const m of text.matchAll(LONE_SUBJECT)) {
    if (!atSentenceStart(text, m.index) || NOT_NAME.has(m[1] ?? '')) continue;
    const end = m.index + (m[1]?.length ?? 0);
    out.push({ type: 'name', start: m.index, end, confidence: 0.6, detector: 'name_subject' });
  }
  return out;
}

/** What people do in admissions notes, as opposed to courses and events ("Computer Science has 40 places"). */
const PERSON_VERBS =
  'called|rang|phoned|emailed|e-mailed|texted|messaged|replied|said|says|asked|wants|wanted|accepted|declined|withdrew|has withdrawn|has accepted|has declined|confirmed|enquired|visited|attended|applied|is applying|will attend|will call|came|missed|paid|sent';
const PERSON_VERB_AFTER = new RegExp(`^[ \\t]+(?:${PERSON_VERBS})\\b`);
const LONE_SUBJECT = new RegExp(`(?<![\\p{L}\\p{N}'’-])(\\p{Lu}\\p{Ll}+)(?=[ \\t]+(?:${PERSON_VERBS})\\b)`, 'gu');

/** Whether `index` starts a sentence or line, where capitals say nothing about names. */
function atSentenceStart(text: string, index: number): boolean {
  const preceding = text.slice(Math.max(0, index - 4), index).trimEnd();
  return preceding === '' || /[.!?\n"“]$/.test(preceding) || /\n\s*$/.test(text.slice(Math.max(0, index - 4), index));
}
