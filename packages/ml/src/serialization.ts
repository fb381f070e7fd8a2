import { MlInputError } from './errors';

/** Bumped when a saved estimator's layout changes; `fromJSON` refuses versions it does not know. */
export const FORMAT_VERSION = 1;

export type EstimatorJSON<P = unknown, S = unknown> = {
  format: 'ivy-ml';
  formatVersion: number;
  kind: string;
  params: P;
  state: S;
};

type TypedArrayName = 'f64' | 'f32' | 'i32' | 'u8';
type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array;

/**
 * A typed array as base64 of its bytes: exact to the bit (JSON numbers lose NaN, ±Infinity and -0) and compact.
 * Byte order is the platform's; every platform Node runs on here is little-endian.
 */
export type EncodedArray = { dtype: TypedArrayName; base64: string };

const CONSTRUCTORS = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;

function dtypeOf(array: TypedArray): TypedArrayName {
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Float32Array) return 'f32';
  if (array instanceof Int32Array) return 'i32';
  return 'u8';
}

export function encodeArray(array: TypedArray): EncodedArray {
  return {
    dtype: dtypeOf(array),
    base64: Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64'),
  };
}

export function decodeArray<D extends TypedArrayName>(
  encoded: EncodedArray & { dtype: D },
): InstanceType<(typeof CONSTRUCTORS)[D]>;
export function decodeArray(encoded: EncodedArray): TypedArray {
  const Constructor = CONSTRUCTORS[encoded.dtype];
  if (!Constructor) throw new MlInputError(`unknown array type ${encoded.dtype}`);
  const bytes = Buffer.from(encoded.base64, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Constructor(copy.buffer, 0, bytes.byteLength / Constructor.BYTES_PER_ELEMENT);
}

export function encodeFloat64(array: Float64Array): EncodedArray {
  return encodeArray(array);
}

export function decodeFloat64(encoded: EncodedArray): Float64Array {
  if (encoded.dtype !== 'f64') throw new MlInputError(`expected f64 array, got ${encoded.dtype}`);
  return decodeArray(encoded as EncodedArray & { dtype: 'f64' });
}

/** Checks the envelope of a saved estimator before its state is read. */
export function checkEnvelope(json: unknown, kind: string): EstimatorJSON {
  const envelope = json as Partial<EstimatorJSON> | null;
  if (envelope?.format !== 'ivy-ml') throw new MlInputError('not a saved @ivy/ml estimator');
  if (envelope.kind !== kind) throw new MlInputError(`expected a saved ${kind}, got ${String(envelope.kind)}`);
  if (envelope.formatVersion !== FORMAT_VERSION) {
    throw new MlInputError(
      `saved ${kind} has format version ${String(envelope.formatVersion)}; this build reads ${FORMAT_VERSION}`,
    );
  }
  return envelope as EstimatorJSON;
}
