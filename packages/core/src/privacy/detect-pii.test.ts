import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, isValidIban, isValidNiNumber, passesLuhn } from './checksums';
import { detectPii, type PiiMatch } from './detect-pii';
import { validCard, validEmail, validNiNumber, validPhone } from './test-arbitraries';
import type { PiiType } from './vocabulary';

const found = (text: string, type: PiiType, options = {}) =>
  detectPii(text, { referenceYear: 2026, ...options })
    .filter((m) => m.type === type)
    .map((m) => m.value);

describe('checksums', () => {
  it('Luhn accepts network test cards and rejects a changed digit', () => {
    for (const card of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117']) {
      expect(passesLuhn(card), card).toBe(true);
    }
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('4111 1111 1111 1111')).toBe(false);
  });

  it('IBAN mod-97 and registered length', () => {
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765433')).toBe(false);
    expect(isValidIban('GB82WEST1234569876543')).toBe(false);
  });

  it('NI numbers follow HMRC prefix and suffix rules', () => {
    for (const ok of ['AB123456C', 'AB 12 34 56 C', 'JG103759A', 'ce556677a'])
      expect(isValidNiNumber(ok), ok).toBe(true);
    for (const bad of ['DA123456A', 'FA123456A', 'AD123456A', 'AO123456A', 'QQ123456C', 'UV123456A']) {
      expect(isValidNiNumber(bad), bad).toBe(false);
    }
    for (const prefix of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) {
      expect(isValidNiNumber(`${prefix}123456A`), prefix).toBe(false);
    }
    expect(isValidNiNumber('AB123456E')).toBe(false);
    expect(isValidNiNumber('AB12345C')).toBe(false);
  });

  it('calendar dates', () => {
    expect(isCalendarDate(2008, 2, 29)).toBe(true);
    expect(isCalendarDate(2007, 2, 29)).toBe(false);
    expect(isCalendarDate(2006, 4, 31)).toBe(false);
    expect(isCalendarDate(2006, 13, 1)).toBe(false);
  });
});

describe('detectPii by type', () => {
  it("detects the seed's test sentence: a name and an e-mail", () => {
    const matches = detectPii('Student John Smith, email: john@email.com');
    expect(matches.map((m) => [m.type, m.value])).toEqual([
      ['name', 'John Smith'],
      ['email', 'john@email.com'],
    ]);
    const name = matches[0] as PiiMatch;
    expect(name).toMatchObject({ start: 8, end: 18, detector: 'name_role' });
    expect(name.confidence).toBeGreaterThan(0.8);
    expect(name.context).toBe('Student John Smith, email: john@email.com');
  });

  it('gives about 30 characters of context either side', () => {
    const text = `${'x'.repeat(50)} john@email.com ${'y'.repeat(50)}`;
    const [m] = detectPii(text);
    expect(m?.context).toBe(`${'x'.repeat(29)} john@email.com ${'y'.repeat(29)}`);
  });

  it('e-mails', () => {
    expect(found('write to J.Smith+uni@Example.co.uk.', 'email')).toEqual(['J.Smith+uni@Example.co.uk']);
    expect(found("o'brien@gmail.com bounced", 'email')).toEqual(["o'brien@gmail.com"]);
    expect(found('meet @ 3pm, user@localhost', 'email')).toEqual([]);
  });

  it('UK and US phones, including drama ranges libphonenumber rejects', () => {
    expect(found('call 07911 123456 or +44 20 7946 0958', 'phone')).toEqual(['07911 123456', '+44 20 7946 0958']);
    expect(found('US cell (212) 555-0187, dad +1 415 555 2671', 'phone')).toEqual([
      '(212) 555-0187',
      '+1 415 555 2671',
    ]);
    expect(found('drama number 07700 900123', 'phone')).toEqual(['07700 900123']);
    expect(found('born in 2006. (212) 555-0187 is her cell', 'phone')).toEqual(['(212) 555-0187']);
    expect(found('reference 4500123 and 20-00-00', 'phone')).toEqual([]);
  });

  it('UK postcodes in the official format, either case', () => {
    expect(found('LS1 4AP, ec1a1bb, GIR 0AA, SW1A 1AA, M1 5GD', 'postcode')).toEqual([
      'LS1 4AP',
      'ec1a1bb',
      'GIR 0AA',
      'SW1A 1AA',
      'M1 5GD',
    ]);
    // Q in the first position, C in the inward letters, mixed case: not postcodes.
    expect(found('QA1 1AA, LS1 4CA, room B12 3rd floor', 'postcode')).toEqual([]);
  });

  it('NI numbers only with valid prefixes', () => {
    expect(found('NI AB 12 34 56 C and JG103759A', 'national_id')).toEqual(['AB 12 34 56 C', 'JG103759A']);
    expect(found('QQ 12 34 56 C, GB123456A, DA123456B, AB123456E', 'national_id')).toEqual([]);
  });

  it('UCAS Personal IDs and student numbers in context', () => {
    expect(found('UCAS ID 123-456-7890', 'student_id')).toEqual(['123-456-7890']);
    expect(found('Personal ID: 1987654321', 'student_id')).toEqual(['1987654321']);
    expect(found('student number S2301456; applicant id APP-204518', 'student_id')).toEqual(['S2301456', 'APP-204518']);
    expect(found('we had 1987654321 visits', 'student_id')).toEqual([]);
  });

  it('dates of birth: in context with high confidence, bare birth-year dates weakly, event dates not', () => {
    const inContext = detectPii('DOB: 14/02/2006', { referenceYear: 2026 });
    expect(inContext.map((m) => [m.type, m.value])).toEqual([['date_of_birth', '14/02/2006']]);
    const bare = detectPii('on 14/02/2006 she', { referenceYear: 2026 });
    expect(bare[0]?.confidence).toBeLessThan(inContext[0]?.confidence ?? 0);
    expect(found('born 3rd March 2005; date of birth: August 9, 2005; DOB 2006-07-21', 'date_of_birth')).toEqual([
      '3rd March 2005',
      'August 9, 2005',
      '2006-07-21',
    ]);
    expect(found('DOB 29/02/2007, DOB 31/04/2006', 'date_of_birth')).toEqual([]);
    expect(found('Open Day on 12/10/2025, deadline 29 January 2026', 'date_of_birth')).toEqual([]);
  });

  it('financial: Luhn cards, checksummed IBANs, sort code and account', () => {
    expect(found('card 4111 1111 1111 1111 and 4111 1111 1111 1112', 'financial')).toEqual(['4111 1111 1111 1111']);
    expect(found('IBAN GB82 WEST 1234 5698 7654 32 not GB82 WEST 1234 5698 7654 33', 'financial')).toEqual([
      'GB82 WEST 1234 5698 7654 32',
    ]);
    expect(found('sort code 20-45-77, account 12345678', 'financial')).toEqual(['20-45-77', '12345678']);
    expect(found('scores 10-12-14 and order 12345678', 'financial')).toEqual([]);
  });

  it('academic records in context', () => {
    expect(found('predicted grades A*AA, offer of ABB', 'academic')).toEqual(['A*AA', 'ABB']);
    expect(found('GPA of 3.6/4.0 and 128 UCAS points', 'academic')).toEqual(['GPA of 3.6/4.0', '128 UCAS points']);
    expect(found('expected to get a 2:1 degree; first-class honours', 'academic')).toEqual([
      '2:1',
      'first-class honours',
    ]);
    expect(found('the BBC and ABC; half-time 2:1; entry requirements are A*AA', 'academic')).toEqual([]);
  });

  it('UK street addresses', () => {
    expect(found('lives at 42 Wellington Road, Sheffield S10 2TN', 'address')).toEqual([
      '42 Wellington Road, Sheffield',
    ]);
    expect(found('Flat 3, 17 Victoria Street', 'address')).toEqual(['Flat 3, 17 Victoria Street']);
    expect(found('3 Open Days and 120 UCAS points', 'address')).toEqual([]);
  });

  it('names with evidence, not capitalised course, month or place words', () => {
    expect(found('Dear Amelia, Mr Ahmed Khan called', 'name')).toEqual(['Amelia', 'Ahmed Khan']);
    expect(found('Kind regards,\nHannah Lewis', 'name')).toEqual(['Hannah Lewis']);
    expect(found('Sophie Clarke <sophie@example.com>', 'name')).toEqual(['Sophie Clarke']);
    expect(found('Computer Science Open Day in March at Leeds Beckett.', 'name')).toEqual([]);
    expect(found('Dear Sir/Madam, Student Finance England', 'name')).toEqual([]);
    const evidence = detectPii('spoke to Priya Patel').find((m) => m.type === 'name');
    const bare = detectPii('we saw Priya Patel').find((m) => m.type === 'name');
    expect(evidence?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
  });
});

describe('known entities', () => {
  const people = [
    { first_name: 'Siân', last_name: "O'Neill", email: 'Sian.ONeill@Example.com', phone: '07911 123456' },
  ];

  it('finds stored names however cased, and as "Last, First", with confidence 1', () => {
    const matches = detectPii("notes: siân o'neill rang; file under O'Neill, Siân", { knownEntities: people });
    expect(matches.filter((m) => m.type === 'name').map((m) => [m.value, m.confidence, m.detector])).toEqual([
      ["siân o'neill", 1, 'known_name'],
      ["O'Neill, Siân", 1, 'known_name'],
    ]);
  });

  it('uses whole words only', () => {
    const matches = detectPii('the Siânsbury account', { knownEntities: [{ full_name: 'Siân Bury' }] });
    expect(matches.filter((m) => m.type === 'name')).toEqual([]);
  });

  it('matches e-mails case-insensitively and phones by E.164 whatever the format', () => {
    const matches = detectPii('from sian.oneill@example.COM, call +44 (0)7911 123 456', { knownEntities: people });
    expect(matches.map((m) => [m.type, m.value, m.confidence])).toEqual([
      ['email', 'sian.oneill@example.COM', 1],
      ['phone', '+44 (0)7911 123 456', 1],
    ]);
  });

  it('matches stored numbers that are not valid to libphonenumber', () => {
    const matches = detectPii('ring 077009 00123', { knownEntities: [{ phone: '+44 7700 900123' }] });
    expect(matches.map((m) => [m.value, m.detector])).toEqual([['077009 00123', 'known_phone']]);
  });

  it('finds a stored full name that no name rule would', () => {
    const text = 'the deposit from zoe quinn arrived';
    expect(found(text, 'name')).toEqual([]);
    expect(found(text, 'name', { knownEntities: [{ full_name: 'Zoe Quinn' }] })).toEqual(['zoe quinn']);
  });
});

describe('options and overlaps', () => {
  it('filters by type and confidence', () => {
    const text = 'Student John Smith, email: john@email.com';
    expect(detectPii(text, { types: ['email'] }).map((m) => m.type)).toEqual(['email']);
    expect(detectPii('on 14/02/2006 she', { referenceYear: 2026, minConfidence: 0.9 })).toEqual([]);
  });

  it('never returns overlapping matches, and the more confident rule wins', () => {
    // A UCAS id in context also reads as a GB phone without its trunk 0.
    const [m] = detectPii('UCAS Personal ID 123-456-7890');
    expect(m).toMatchObject({ type: 'student_id', value: '123-456-7890' });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const matches = detectPii(`Student John Smith ${text} 07911 123456 ${text}`);
        for (let i = 1; i < matches.length; i++) {
          expect(matches[i]?.start).toBeGreaterThanOrEqual(matches[i - 1]?.end ?? 0);
        }
        for (const match of matches) expect(text.length * 2 + 40).toBeGreaterThan(match.start);
      }),
    );
  });
});

describe('property: generated identifiers embedded in random text are always found', () => {
  const word = fc.stringMatching(/^[a-z]{1,9}$/);
  const filler = fc.array(word, { maxLength: 12 }).map((w) => w.join(' '));
  const embed = (value: fc.Arbitrary<string>) =>
    fc.tuple(filler, value, filler).map(([a, v, b]) => ({ text: `${a} ${v} ${b}`, value: v }));

  const check = (type: PiiType, value: fc.Arbitrary<string>) =>
    fc.assert(
      fc.property(embed(value), ({ text, value }) => {
        expect(found(text, type)).toContain(value);
      }),
      { numRuns: 200 },
    );

  it('e-mails', () => check('email', validEmail));
  it('UK mobiles and US numbers', () => check('phone', validPhone));
  it('NI numbers', () => check('national_id', validNiNumber));
  it('Luhn-valid card numbers', () => check('financial', validCard));
});

describe('performance', () => {
  it('scans a 2 KB note in a few milliseconds and pathological input in linear time', () => {
    const note = `Call note: spoke to Ben Carter (applicant) re offer; predicted BBC. Mobile 07984 112233, email
ben.carter@gmail.com, DOB 11/09/2006, UCAS ID 176-284-9911. Lives at 34 Orchard Way, Bolton BL1 4RG. Wants to
discuss Computer Science and accommodation in September; parent Julie Watson will call back on Friday. `;
    const text = note.repeat(Math.ceil(2048 / note.length)).slice(0, 2048);
    detectPii(text);
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++) detectPii(text);
    const perNote = (performance.now() - start) / runs;
    console.log(`detectPii: ${perNote.toFixed(2)} ms per 2 KB note`);
    expect(perNote).toBeLessThan(15);

    for (const evil of ['a'.repeat(20_000), '1 '.repeat(10_000), 'Aaa '.repeat(5000), `${'a.'.repeat(10_000)}@`]) {
      const t0 = performance.now();
      detectPii(evil);
      expect(performance.now() - t0, evil.slice(0, 8)).toBeLessThan(500);
    }
  });
});
