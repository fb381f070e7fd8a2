import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { encodeTarget } from './encode-target';

describe('encodeTarget', () => {
  it('keeps 0/1 as 0/1 and makes the larger of two numbers positive', () => {
    expect(Array.from(encodeTarget(['0', '1', '1', ' 0 ']))).toEqual([0, 1, 1, 0]);
    expect(Array.from(encodeTarget(['-1', '1.0', '1']))).toEqual([0, 1, 1]);
    expect(Array.from(encodeTarget(['5', '2']))).toEqual([1, 0]);
  });

  it('makes the truthy value of a boolean-like pair positive, in any case', () => {
    expect(Array.from(encodeTarget(['No', 'Yes', 'Yes']))).toEqual([0, 1, 1]);
    expect(Array.from(encodeTarget(['TRUE', 'false']))).toEqual([1, 0]);
    expect(Array.from(encodeTarget(['n', 'y']))).toEqual([0, 1]);
  });

  it('uses the given positive class against everything else', () => {
    expect(Array.from(encodeTarget(['won', 'lost', 'open', 'won'], 'won'))).toEqual([1, 0, 0, 1]);
    expect(() => encodeTarget(['won', 'lost'], 'Won')).toThrow(/"Won" never occurs.*"won", "lost"/);
  });

  it('refuses anything it cannot read as binary, naming the values', () => {
    expect(() => encodeTarget(['cat', 'dog'])).toThrow(/"cat", "dog".*positive/);
    expect(() => encodeTarget(['a', 'b', 'c'])).toThrow(/3 distinct values: "a", "b", "c"/);
    expect(() => encodeTarget(['1', '1'])).toThrow(/1 distinct value: "1"/);
    expect(() => encodeTarget(['0', '1', '2'])).toThrow(MlInputError);
    const many = Array.from({ length: 15 }, (_, i) => `v${i}`);
    expect(() => encodeTarget(many)).toThrow(/and 5 more/);
  });

  it('names the data row of a missing target', () => {
    expect(() => encodeTarget(['1', '0', null])).toThrow(/missing in data row 3/);
    expect(() => encodeTarget(['1', ' ', '0'], '1')).toThrow(/data row 2/);
  });
});
