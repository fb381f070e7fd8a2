import { describe, expect, it } from 'vitest';
import { ERASED, scrubJson, scrubText, strongIdentifiers } from './scrub';

describe('scrubbing identifiers from text and JSON', () => {
  const ids = strongIdentifiers({
    first_name: 'Ann',
    last_name: 'Lee',
    email: 'ann.lee+x@example.ac.uk',
    phone: '07700 900123',
    phone_e164: '+447700900123',
    external_ref: null,
  });

  it('treats the full name, e-mail, phones and reference as identifying, not a name alone', () => {
    expect(ids.sort()).toEqual(['+447700900123', '07700 900123', 'Ann Lee', 'ann.lee+x@example.ac.uk'].sort());
  });

  it('replaces every occurrence regardless of case, taking the longest match first', () => {
    expect(scrubText('ANN LEE wrote from Ann.Lee+x@example.ac.uk, call +447700900123', ids)).toBe(
      `${ERASED} wrote from ${ERASED}, call ${ERASED}`,
    );
    expect(scrubText('Annie Leeds', ids)).toBe('Annie Leeds');
  });

  it('scrubs nested values and keys, leaving numbers and other text alone', () => {
    expect(scrubJson({ n: 3, list: ['ann lee', 'ok'], nested: { 'Ann Lee': true } }, ids)).toEqual({
      n: 3,
      list: [ERASED, 'ok'],
      nested: { [ERASED]: true },
    });
  });
});
