/** `predict` (or anything that needs learned state) was called before `fit`. */
export class NotFittedError extends Error {
  override readonly name = 'NotFittedError';
  constructor(estimator: string) {
    super(`${estimator} is not fitted yet: call fit() first`);
  }
}

/** The data handed to an estimator cannot be used: wrong shape, NaN labels, a single class… */
export class MlInputError extends Error {
  override readonly name = 'MlInputError';
}

/** A hyper-parameter is out of range or of the wrong type. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
}
