import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnvelope, decodeArray, decodeFloat64, encodeArray, encodeFloat64, FORMAT_VERSION } from './serialization';

describe('typed arrays in saved estimators', () => {
  it('round-trip every float64 bit pattern through JSON, NaN, infinities and -0 included', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (values) => {
        const original = Float64Array.from(values);
        const restored = decodeFloat64(JSON.parse(JSON.stringify(encodeFloat64(original))));
        expect(restored.length).toBe(original.length);
        for (let i = 0; i < original.length; i++) expect(Object.is(restored[i], original[i])).toBe(true);
      }),
    );
  });

  it('round-trip integer and byte arrays, and keep their type', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), (values) => {
        const restored = decodeArray(encodeArray(Int32Array.from(values)));
        expect(restored).toBeInstanceOf(Int32Array);
        expect(Array.from(restored)).toEqual(values);
      }),
    );
    const bytes = Uint8Array.of(0, 1, 254, 255);
    expect(decodeArray(encodeArray(bytes))).toEqual(bytes);
  });

  it('refuses a foreign or newer envelope', () => {
    expect(() => checkEnvelope({ kind: 'KMeans' }, 'KMeans')).toThrow(/not a saved @ivy\/ml estimator/);
    const envelope = { format: 'ivy-ml', formatVersion: FORMAT_VERSION, kind: 'KMeans', params: {}, state: {} };
    expect(() => checkEnvelope(envelope, 'LogisticRegression')).toThrow(/expected a saved LogisticRegression/);
    expect(() => checkEnvelope({ ...envelope, formatVersion: 99 }, 'KMeans')).toThrow(/format version 99/);
    expect(checkEnvelope(envelope, 'KMeans')).toBe(envelope);
  });
});
