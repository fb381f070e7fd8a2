import {
  base,
  de,
  en,
  en_GB,
  en_IE,
  en_IN,
  en_NG,
  en_US,
  es,
  Faker,
  fr,
  it,
  type LocaleDefinition,
  pl,
  ro,
} from '@faker-js/faker';
import { DISPOSABLE_EMAIL_DOMAINS, normalizePhone } from '@ivy/core';
import { asciiLetters } from './demo-catalogue';
import { type Rng, streamSeed, WeightedTable } from './rng';

export type Region = 'home' | 'eu' | 'international';

/** Countries of domicile by region, with their relative frequency among this institution's enquirers. */
const DOMICILES: Record<Region, WeightedTable<string>> = {
  home: new WeightedTable(['GB'], [1]),
  eu: WeightedTable.fromRecord({ IE: 3, FR: 2, DE: 2, ES: 2, IT: 2, PL: 2, RO: 2 }),
  international: WeightedTable.fromRecord({ CN: 6, IN: 6, NG: 4, US: 2, PK: 2, HK: 1, MY: 1, SA: 1, GH: 1 }),
};

export function regionOf(domicile: string): Region {
  if (domicile === 'GB') return 'home';
  return DOMICILES.eu.items.includes(domicile) ? 'eu' : 'international';
}

export function drawDomicile(rng: Rng, region: Region): string {
  return DOMICILES[region].draw(rng);
}

const NAME_LOCALES: Record<string, LocaleDefinition[]> = {
  GB: [en_GB, en, base],
  IE: [en_IE, en, base],
  FR: [fr, en, base],
  DE: [de, en, base],
  ES: [es, en, base],
  IT: [it, en, base],
  PL: [pl, en, base],
  RO: [ro, en, base],
  IN: [en_IN, en, base],
  PK: [en_IN, en, base],
  NG: [en_NG, en, base],
  GH: [en_NG, en, base],
  US: [en_US, en, base],
};

/** Romanised Chinese names: the zh_CN locale writes names in Hanzi, which enquiry forms rarely receive. */
const PINYIN_GIVEN = [
  'Wei',
  'Jing',
  'Hao',
  'Yi',
  'Xin',
  'Yu',
  'Jie',
  'Ming',
  'Lei',
  'Ting',
  'Xiaoling',
  'Zihan',
  'Yuxuan',
  'Haoran',
  'Mei',
  'Jun',
  'Tian',
  'Ruoxi',
  'Kai',
  'Qian',
];
const PINYIN_FAMILY = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Luo',
  'Gao',
];
const MALAY_GIVEN = ['Aisyah', 'Muhammad', 'Nur', 'Amir', 'Siti', 'Hafiz', 'Farah', 'Irfan', 'Wei Ling', 'Arjun'];
const MALAY_FAMILY = ['Abdullah', 'Rahman', 'Ismail', 'Tan', 'Lim', 'Ng', 'Ahmad', 'Hassan', 'Kumar', 'Wong'];
const ARABIC_GIVEN = ['Abdullah', 'Fatimah', 'Omar', 'Noura', 'Khalid', 'Reem', 'Faisal', 'Lama', 'Saud', 'Haya'];
const ARABIC_FAMILY = ['Al-Qahtani', 'Al-Harbi', 'Al-Otaibi', 'Al-Ghamdi', 'Al-Zahrani', 'Al-Shehri', 'Al-Mutairi'];

const EMAIL_DOMAINS: Record<string, WeightedTable<string>> = {
  GB: WeightedTable.fromRecord({
    'gmail.com': 40,
    'hotmail.co.uk': 11,
    'outlook.com': 12,
    'icloud.com': 12,
    'yahoo.co.uk': 6,
    'hotmail.com': 5,
    'live.co.uk': 4,
    'btinternet.com': 3,
    'sky.com': 2,
    'student.bcc.ac.uk': 1,
    'leedscitycollege.ac.uk': 1,
    'tmc.ac.uk': 1,
  }),
  CN: WeightedTable.fromRecord({ 'qq.com': 40, '163.com': 25, 'gmail.com': 15, 'outlook.com': 10, '126.com': 10 }),
  IN: WeightedTable.fromRecord({ 'gmail.com': 70, 'yahoo.co.in': 15, 'rediffmail.com': 5, 'outlook.com': 10 }),
  other: WeightedTable.fromRecord({
    'gmail.com': 55,
    'outlook.com': 15,
    'yahoo.com': 15,
    'hotmail.com': 10,
    'icloud.com': 5,
  }),
};

const DISPOSABLE_DOMAINS = [...DISPOSABLE_EMAIL_DOMAINS];

/** Typos people make in the domain of an address they type twice. */
const DOMAIN_TYPOS: Record<string, string> = {
  'gmail.com': 'gmial.com',
  'hotmail.co.uk': 'hotmial.co.uk',
  'outlook.com': 'outlok.com',
  'icloud.com': 'icloud.co.uk',
  'yahoo.co.uk': 'yaho.co.uk',
  'hotmail.com': 'hotmail.co',
};

/** Valid mobile prefixes (after the country code) and the number of digits that follow. */
const MOBILE_FORMATS: Record<string, { code: string; prefixes: string[]; digits: number }> = {
  IE: { code: '353', prefixes: ['83', '85', '86', '87', '89'], digits: 7 },
  FR: { code: '33', prefixes: ['6'], digits: 8 },
  DE: { code: '49', prefixes: ['151', '152', '157', '160', '170', '176'], digits: 8 },
  ES: { code: '34', prefixes: ['6'], digits: 8 },
  IT: { code: '39', prefixes: ['320', '333', '347', '388'], digits: 7 },
  PL: { code: '48', prefixes: ['50', '51', '60', '66', '69', '78'], digits: 7 },
  RO: { code: '40', prefixes: ['72', '74', '75', '76'], digits: 7 },
  CN: { code: '86', prefixes: ['138', '139', '135', '186', '150', '177'], digits: 8 },
  IN: { code: '91', prefixes: ['98', '99', '97', '96', '70', '81'], digits: 8 },
  PK: { code: '92', prefixes: ['300', '301', '321', '333', '345'], digits: 7 },
  NG: { code: '234', prefixes: ['803', '806', '813', '816', '703', '805'], digits: 7 },
  GH: { code: '233', prefixes: ['24', '54', '20', '55'], digits: 7 },
  US: { code: '1', prefixes: ['212', '415', '617', '312', '646', '206', '512', '305'], digits: 7 },
  HK: { code: '852', prefixes: ['5', '6', '9'], digits: 7 },
  MY: { code: '60', prefixes: ['12', '13', '16', '17', '19'], digits: 7 },
  SA: { code: '966', prefixes: ['50', '53', '55', '56'], digits: 7 },
};

/** UK mobile ranges in live use (07xxx), avoiding 07700 900xxx, which Ofcom reserves for drama. */
const UK_MOBILE_PREFIXES = ['71', '73', '74', '75', '77', '78', '79'];

export type Identity = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  phoneE164: string | null;
  postcode: string | null;
  dateOfBirth: string | null;
  domicile: string;
};

/** Proportions of dirty contact data. */
export const DIRT = {
  missingEmail: 0.01,
  disposableEmail: 0.02,
  messyEmailCase: 0.04,
  emailWhitespace: 0.005,
  missingPhone: 0.08,
  garbledPhone: 0.03,
  missingPostcode: 0.04,
  missingDateOfBirth: 0.05,
  nearDuplicate: 0.015,
} as const;

/**
 * Keeps e-mail addresses unique under the database's lower(btrim(email)) index without holding every address: a
 * 53-bit hash per address. A hash collision only costs an unneeded numeric suffix, never a duplicate.
 */
class EmailRegistry {
  private readonly taken = new Set<number>();

  claim(email: string): string {
    const at = email.lastIndexOf('@');
    const local = email.slice(0, at);
    const domain = email.slice(at);
    let candidate = email;
    for (let n = 2; !this.tryClaim(candidate); n++) candidate = `${local}${n}${domain}`;
    return candidate;
  }

  private tryClaim(email: string): boolean {
    const key = hash53(email.trim().toLowerCase());
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}

function hash53(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0) * 2_097_152 + ((h2 >>> 0) & 0x1fffff);
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(48 + Math.floor(rng.float() * 10));
  return out;
}

/** Letters used in the inward part of a postcode (C, I, K, M, O and V never are). */
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

/**
 * Names, contact details and postcodes of enquirers. Names and postcode areas come from seeded Faker instances (one
 * per locale, en_GB for UK domicile); everything else from the run's own generator.
 */
export class IdentityFactory {
  private readonly fakers = new Map<string, Faker>();
  private readonly emails = new EmailRegistry();
  private readonly postcodeAreas: string[];
  private readonly gb: Faker;

  constructor(
    private readonly rng: Rng,
    seed: number,
  ) {
    let stream = 100;
    for (const [country, locale] of Object.entries(NAME_LOCALES)) {
      const faker = new Faker({ locale });
      faker.seed(streamSeed(seed, stream++));
      this.fakers.set(country, faker);
    }
    const gb = this.fakers.get('GB');
    if (!gb) throw new Error('en_GB faker missing');
    this.gb = gb;
    const patterns = (gb.rawDefinitions.location?.postcode ?? []) as string[];
    // Faker's en_GB patterns name real postcode areas ("BS# #??"); their districts and inward codes are rebuilt here,
    // as some patterns produce impossible inward codes.
    this.postcodeAreas = [...new Set(patterns.map((p) => p.replace(/[#?].*$/, '')).filter((a) => a.length > 0))];
    if (this.postcodeAreas.length === 0) this.postcodeAreas.push('M', 'LS', 'BS');
  }

  create(domicile: string, birthYearRange: [number, number]): Identity {
    const rng = this.rng;
    const { firstName, lastName } = this.name(domicile);
    const dobTime =
      Date.UTC(birthYearRange[0], 0, 1) +
      rng.float() * (Date.UTC(birthYearRange[1] + 1, 0, 1) - Date.UTC(birthYearRange[0], 0, 1));
    const dateOfBirth = rng.chance(DIRT.missingDateOfBirth) ? null : new Date(dobTime).toISOString().slice(0, 10);
    const birthYear = new Date(dobTime).getUTCFullYear();
    const email = rng.chance(DIRT.missingEmail)
      ? null
      : this.emails.claim(this.email(firstName, lastName, birthYear, domicile));
    const { phone, phoneE164 } = this.phone(domicile);
    const postcode = domicile === 'GB' && !rng.chance(DIRT.missingPostcode) ? this.postcode() : null;
    return { firstName, lastName, email, phone, phoneE164, postcode, dateOfBirth, domicile };
  }

  /**
   * The same person enquiring again: same name, date of birth and postcode, but a second address — a typo of the
   * first one or another mailbox — and sometimes no phone.
   */
  duplicateOf(original: Identity): Identity {
    const rng = this.rng;
    let email: string;
    const birthYear = Number(original.dateOfBirth?.slice(0, 4) ?? 2000);
    if (original.email && rng.chance(0.5)) {
      const clean = original.email.trim().toLowerCase();
      const at = clean.lastIndexOf('@');
      const local = clean.slice(0, at);
      const domain = clean.slice(at + 1);
      email =
        DOMAIN_TYPOS[domain] && rng.chance(0.5)
          ? `${local}@${DOMAIN_TYPOS[domain]}`
          : `${swapAdjacent(rng, local)}@${domain}`;
    } else {
      email = this.email(original.firstName, original.lastName, birthYear, original.domicile);
    }
    const keepPhone = rng.chance(0.6);
    return {
      ...original,
      email: this.emails.claim(email),
      phone: keepPhone ? original.phone : null,
      phoneE164: keepPhone ? original.phoneE164 : null,
    };
  }

  private name(domicile: string): { firstName: string; lastName: string } {
    const rng = this.rng;
    if (domicile === 'CN' || domicile === 'HK')
      return { firstName: rng.pick(PINYIN_GIVEN), lastName: rng.pick(PINYIN_FAMILY) };
    if (domicile === 'MY') return { firstName: rng.pick(MALAY_GIVEN), lastName: rng.pick(MALAY_FAMILY) };
    if (domicile === 'SA') return { firstName: rng.pick(ARABIC_GIVEN), lastName: rng.pick(ARABIC_FAMILY) };
    const faker = this.fakers.get(domicile) ?? this.gb;
    return { firstName: faker.person.firstName(), lastName: faker.person.lastName() };
  }

  private email(firstName: string, lastName: string, birthYear: number, domicile: string): string {
    const rng = this.rng;
    const first = asciiLetters(firstName) || 'student';
    const last = asciiLetters(lastName) || 'applicant';
    const yy = String(birthYear % 100).padStart(2, '0');
    const style = rng.float();
    let local: string;
    if (style < 0.35) local = `${first}.${last}`;
    else if (style < 0.5) local = `${first}${last}`;
    else if (style < 0.65) local = `${first}.${last}${yy}`;
    else if (style < 0.75) local = `${first[0]}${last}`;
    else if (style < 0.8) local = `${first}_${last}`;
    else if (style < 0.9) local = `${first}${digits(rng, 2)}`;
    else local = `${last}.${first}`;
    const domain = rng.chance(DIRT.disposableEmail)
      ? rng.pick(DISPOSABLE_DOMAINS)
      : (EMAIL_DOMAINS[domicile] ?? EMAIL_DOMAINS.other)?.draw(rng);
    let email = `${local}@${domain}`;
    if (rng.chance(DIRT.messyEmailCase)) email = `${capitalise(local)}@${capitalise(domain ?? 'gmail.com')}`;
    if (rng.chance(DIRT.emailWhitespace)) email = ` ${email} `;
    return email;
  }

  private phone(domicile: string): { phone: string | null; phoneE164: string | null } {
    const rng = this.rng;
    if (rng.chance(DIRT.missingPhone)) return { phone: null, phoneE164: null };
    let phone: string;
    if (rng.chance(DIRT.garbledPhone)) phone = this.garbledPhone();
    else if (domicile === 'GB' || !MOBILE_FORMATS[domicile]) phone = this.ukMobile();
    else {
      const format = MOBILE_FORMATS[domicile];
      phone = `+${format.code} ${rng.pick(format.prefixes)} ${digits(rng, format.digits)}`;
    }
    return { phone, phoneE164: normalizePhone(phone) };
  }

  private ukMobile(): string {
    const rng = this.rng;
    const prefix = `${rng.pick(UK_MOBILE_PREFIXES)}${digits(rng, 1)}`;
    const rest = digits(rng, 6);
    const style = rng.float();
    if (style < 0.55) return `07${prefix} ${rest}`;
    if (style < 0.75) return `07${prefix}${rest}`;
    if (style < 0.9) return `+44 7${prefix} ${rest}`;
    return `+447${prefix}${rest}`;
  }

  /** Numbers that look like phones but are not valid: drama range, too short, too long, placeholders. */
  private garbledPhone(): string {
    const rng = this.rng;
    const kind = rng.int(0, 5);
    if (kind === 0) return `07700 900${digits(rng, 3)}`;
    if (kind === 1) return `07${digits(rng, 3)} ${digits(rng, 3)}`;
    if (kind === 2) return `+44 7${digits(rng, 3)} ${digits(rng, 8)}`;
    if (kind === 3) return rng.pick(['n/a', 'none', '0', '00000 000000', 'tbc', '-']);
    if (kind === 4) return `01${digits(rng, 2)}`;
    return `12345 ${digits(rng, 3)}`;
  }

  private postcode(): string {
    const rng = this.rng;
    const area = this.gb.helpers.arrayElement(this.postcodeAreas);
    const district = rng.chance(0.6) ? String(rng.int(1, 9)) : String(rng.int(10, 29));
    const inward = `${rng.int(0, 9)}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`;
    return `${area}${district} ${inward}`;
  }
}

function capitalise(text: string): string {
  return text.replace(/(^|[.@_])([a-z])/g, (_, sep: string, ch: string) => `${sep}${ch.toUpperCase()}`);
}

function swapAdjacent(rng: Rng, text: string): string {
  if (text.length < 3) return `${text}1`;
  const i = rng.int(0, text.length - 2);
  if (text[i] === text[i + 1]) return `${text.slice(0, i)}${text.slice(i + 1)}`;
  return `${text.slice(0, i)}${text[i + 1]}${text[i]}${text.slice(i + 2)}`;
}
