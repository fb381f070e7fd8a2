/* fast-check generators of valid identifiers, shared by the detection and redaction property tests. */
import fc from 'fast-check';
import { passesLuhn } from './checksums';

export const validEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,14}[a-z0-9]$/),
    fc.stringMatching(/^[a-z0-9]{1,10}$/),
    fc.constantFrom('com', 'co.uk', 'ac.uk', 'org', 'io'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

export const validPhone = fc.oneof(
  fc
    .tuple(fc.constantFrom('7911', '7700', '7456', '7984', '7123'), fc.stringMatching(/^\d{6}$/))
    .chain(([prefix, rest]) => fc.constantFrom(`0${prefix} ${rest}`, `+44 ${prefix} ${rest}`, `0${prefix}${rest}`)),
  fc
    .tuple(fc.constantFrom('212', '415', '617', '312'), fc.stringMatching(/^[2-9]\d{2}$/), fc.stringMatching(/^\d{4}$/))
    .chain(([area, exchange, line]) =>
      fc.constantFrom(`(${area}) ${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`),
    ),
);

const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
export const validNiNumber = fc
  .tuple(
    fc.constantFrom(...NI_FIRST),
    fc.constantFrom(...NI_SECOND),
    fc.stringMatching(/^\d{6}$/),
    fc.constantFrom('A', 'B', 'C', 'D'),
    fc.boolean(),
  )
  .filter(([a, b]) => !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(a + b))
  .map(([a, b, digits, suffix, spaced]) =>
    spaced
      ? `${a}${b} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} ${suffix}`
      : `${a}${b}${digits}${suffix}`,
  );

function luhnCheckDigit(body: string): string {
  for (let d = 0; d < 10; d++) if (passesLuhn(body + d)) return String(d);
  throw new Error('unreachable: one check digit always fits');
}

export const validCard = fc
  .tuple(fc.constantFrom('4', '5', '3', '6'), fc.integer({ min: 11, max: 17 }), fc.boolean())
  .chain(([first, length, grouped]) =>
    fc.stringMatching(new RegExp(`^\\d{${length}}$`)).map((rest) => {
      const digits = first + rest + luhnCheckDigit(first + rest);
      return grouped ? (digits.match(/.{1,4}/g) ?? []).join(' ') : digits;
    }),
  );
