import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MissingHmacKeyError, PseudonymMap, redactPii } from './redact-pii';
import { validCard, validEmail, validNiNumber, validPhone } from './test-arbitraries';

const SEED = 'Student John Smith, email: john@email.com';
const KEY = 'test-server-secret';

describe("redactPii on the seed's sentence at all four levels", () => {
  it('full', () => {
    const result = redactPii(SEED, { level: 'full' });
    expect(result.redacted_text).toBe('Student [REDACTED_NAME], email: [REDACTED_EMAIL]');
    expect(result.level).toBe('full');
    expect(result.matches.map((m) => [m.type, m.value, m.replacement])).toEqual([
      ['name', 'John Smith', '[REDACTED_NAME]'],
      ['email', 'john@email.com', '[REDACTED_EMAIL]'],
    ]);
  });

  it('partial', () => {
    expect(redactPii(SEED, { level: 'partial' }).redacted_text).toBe('Student J*** S***, email: j***@email.com');
  });

  it('hashed, with a keyed HMAC shown as a tagged prefix', () => {
    const expected = createHmac('sha256', KEY).update('email:john@email.com').digest('hex').slice(0, 12);
    const { redacted_text } = redactPii(SEED, { level: 'hashed', hmacKey: KEY });
    expect(redacted_text).toMatch(/^Student \[NAME:[0-9a-f]{12}\], email: \[EMAIL:[0-9a-f]{12}\]$/);
    expect(redacted_text).toContain(`[EMAIL:${expected}]`);
    // Another key gives other digests: without the secret the hash cannot be recomputed from a guess.
    expect(redactPii(SEED, { level: 'hashed', hmacKey: 'other' }).redacted_text).not.toBe(redacted_text);
  });

  it('hashed refuses to run without a key', () => {
    expect(() => redactPii(SEED, { level: 'hashed' })).toThrow(MissingHmacKeyError);
    expect(() => redactPii(SEED, { level: 'hashed', hmacKey: '' })).toThrow(MissingHmacKeyError);
  });

  it('anonymized, and restored', () => {
    const pseudonyms = new PseudonymMap();
    const { redacted_text } = redactPii(SEED, { level: 'anonymized', pseudonyms });
    expect(redacted_text).toBe('Student PERSON_1, email: EMAIL_1');
    expect(pseudonyms.restore('Reply to PERSON_1 at EMAIL_1; PERSON_9 is unknown.')).toBe(
      'Reply to John Smith at john@email.com; PERSON_9 is unknown.',
    );
  });
});

describe('redaction details', () => {
  it('partial keeps the last 3 digits of a phone, the last 4 of a card, the outward postcode, the birth year', () => {
    const text = 'Call 07911 123456, card 4111 1111 1111 1111, LS1 4AP, DOB 14/02/2006';
    expect(redactPii(text, { level: 'partial' }).redacted_text).toBe(
      'Call ***** ***456, card **** **** **** 1111, LS1 ***, DOB **/**/2006',
    );
  });

  it('hashes one value the same however it is written', () => {
    const a = redactPii('email JOHN@Email.com', { level: 'hashed', hmacKey: KEY }).matches[0]?.replacement;
    const b = redactPii('email john@email.com', { level: 'hashed', hmacKey: KEY }).matches[0]?.replacement;
    const phoneA = redactPii('call 07911 123456', { level: 'hashed', hmacKey: KEY }).matches[0]?.replacement;
    const phoneB = redactPii('call +44 7911 123456', { level: 'hashed', hmacKey: KEY }).matches[0]?.replacement;
    expect(a).toBe(b);
    expect(phoneA).toBe(phoneB);
  });

  it('keeps pseudonyms consistent across the texts of one request', () => {
    const pseudonyms = new PseudonymMap();
    const first = redactPii('Dear Priya Patel, call 07911 123456', { level: 'anonymized', pseudonyms });
    const second = redactPii('Spoke to Priya Patel; Mr Tom Hughes too.', { level: 'anonymized', pseudonyms });
    expect(first.redacted_text).toBe('Dear PERSON_1, call PHONE_1');
    expect(second.redacted_text).toBe('Spoke to PERSON_1; Mr PERSON_2 too.');
    expect(pseudonyms.size).toBe(3);
    // A fresh map starts again: pseudonyms mean nothing outside their request.
    expect(redactPii('Mr Tom Hughes', { level: 'anonymized' }).redacted_text).toBe('Mr PERSON_1');
  });

  it('redacts known people whom no rule would find', () => {
    const { redacted_text } = redactPii('deposit from zoe quinn, 07700900123', {
      level: 'full',
      knownEntities: [{ full_name: 'Zoe Quinn', phone: '+44 7700 900123' }],
    });
    expect(redacted_text).toBe('deposit from [REDACTED_NAME], [REDACTED_PHONE]');
  });
});

describe('property: redaction never lets a value through', () => {
  const word = fc.stringMatching(/^[a-z]{1,9}$/);
  const filler = fc.array(word, { maxLength: 10 }).map((w) => w.join(' '));
  const identifier = fc.oneof(validEmail, validPhone, validNiNumber, validCard);
  const sample = fc.tuple(filler, identifier, filler).map(([a, value, b]) => ({ text: `${a} ${value} ${b}`, value }));

  for (const level of ['full', 'partial', 'hashed', 'anonymized'] as const) {
    it(level, () => {
      fc.assert(
        fc.property(sample, ({ text, value }) => {
          const { redacted_text } = redactPii(text, { level, hmacKey: KEY });
          expect(redacted_text).not.toContain(value);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('restore(anonymize(x)) === x, across several texts sharing one map', () => {
    const piece = fc.oneof(word, fc.string({ maxLength: 12 }), validEmail, validPhone, validNiNumber, validCard);
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        const pseudonyms = new PseudonymMap();
        const redacted = texts.map((t) => redactPii(t, { level: 'anonymized', pseudonyms }).redacted_text);
        expect(redacted.map((r) => pseudonyms.restore(r))).toEqual(texts);
      }),
      { numRuns: 300 },
    );
  });
});
