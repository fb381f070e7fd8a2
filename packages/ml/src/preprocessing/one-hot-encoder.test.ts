import { describe, expect, it } from 'vitest';
import { MlInputError, NotFittedError, ParameterError } from '../errors';
import { OneHotEncoder } from './one-hot-encoder';

const SOURCE = ['Google', 'Direct', 'Google', null, 'Olark', '', 'Direct', 'Google'];
const LETTERS = ['b', 'a', 'c', 'a', 'b', 'a', 'd', null, 'e', 'e'];

describe('OneHotEncoder', () => {
  it('encodes sorted categories with missing (null or empty) as the last category', () => {
    const encoder = new OneHotEncoder();
    const out = encoder.fitTransform([SOURCE], { names: ['Lead Source'] });
    expect(encoder.featureNames).toEqual([
      'Lead Source=Direct',
      'Lead Source=Google',
      'Lead Source=Olark',
      'Lead Source=<missing>',
    ]);
    expect(out.toRows()).toEqual([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ]);
  });

  it('can encode missing as all zeros instead', () => {
    const encoder = new OneHotEncoder({ missing: 'zeros' });
    const out = encoder.fitTransform([SOURCE]);
    expect(encoder.featureNames).toEqual(['x0=Direct', 'x0=Google', 'x0=Olark']);
    expect(out.toRows()[3]).toEqual([0, 0, 0]);
  });

  it('encodes several columns side by side', () => {
    const encoder = new OneHotEncoder().fit(
      [
        ['x', 'y'],
        ['p', 'p'],
      ],
      { names: ['A', 'B'] },
    );
    expect(encoder.featureNames).toEqual(['A=x', 'A=y', 'B=p']);
    expect(encoder.transform([['y'], ['p']]).toRows()).toEqual([[0, 1, 1]]);
  });

  it('rejects or ignores unseen categories', () => {
    const strict = new OneHotEncoder().fit([SOURCE], { names: ['Lead Source'] });
    expect(() => strict.transform([['Bing']])).toThrow(MlInputError);
    expect(() => strict.transform([['Bing']])).toThrow(/"Bing".*Lead Source|Lead Source.*"Bing"/);
    const lenient = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([SOURCE]);
    expect(lenient.transform([['Bing', 'Olark']]).toRows()).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 0],
    ]);
  });

  it('treats missing as unknown when fit saw none', () => {
    const encoder = new OneHotEncoder().fit([['a', 'b']]);
    expect(() => encoder.transform([[null]])).toThrow(/missing value/);
    expect(
      new OneHotEncoder({ handleUnknown: 'ignore' })
        .fit([['a', 'b']])
        .transform([[null]])
        .toRows(),
    ).toEqual([[0, 0]]);
  });

  // scikit-learn 1.2.1 OneHotEncoder on LETTERS (counts a 3, b 2, e 2, c 1, d 1, None 1).
  it('groups rare categories as scikit-learn does with min_frequency=2', () => {
    const encoder = new OneHotEncoder({ minFrequency: 2 }).fit([LETTERS]);
    expect(encoder.categories[0]?.infrequent).toEqual(['c', 'd', null]);
    expect(encoder.featureNames).toEqual(['x0=a', 'x0=b', 'x0=e', 'x0=<infrequent>']);
    expect(encoder.transform([['c', 'a', null]]).toRows()).toEqual([
      [0, 0, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('groups as scikit-learn with max_categories=3, min_frequency=0.25 and both', () => {
    expect(new OneHotEncoder({ maxCategories: 3 }).fit([LETTERS]).categories[0]?.infrequent).toEqual([
      'b',
      'c',
      'd',
      null,
    ]);
    expect(new OneHotEncoder({ maxCategories: 3 }).fit([LETTERS]).featureNames).toEqual([
      'x0=a',
      'x0=e',
      'x0=<infrequent>',
    ]);
    expect(new OneHotEncoder({ minFrequency: 0.25 }).fit([LETTERS]).featureNames).toEqual(['x0=a', 'x0=<infrequent>']);
    expect(new OneHotEncoder({ minFrequency: 2, maxCategories: 4 }).fit([LETTERS]).featureNames).toEqual([
      'x0=a',
      'x0=b',
      'x0=e',
      'x0=<infrequent>',
    ]);
  });

  it('refuses bad parameters and ragged input', () => {
    expect(() => new OneHotEncoder({ minFrequency: 1.5 }).fit([LETTERS])).toThrow(ParameterError);
    expect(() => new OneHotEncoder({ minFrequency: 1.5 }).fit([LETTERS])).toThrow(/minFrequency/);
    expect(() => new OneHotEncoder({ maxCategories: 1 }).fit([LETTERS])).toThrow(/maxCategories/);
    expect(() => new OneHotEncoder().fit([['a'], ['b', 'c']])).toThrow(MlInputError);
    expect(() => new OneHotEncoder().fit([['a']]).transform([['a'], ['a']])).toThrow(/1/);
    expect(() => new OneHotEncoder().transform([['a']])).toThrow(NotFittedError);
  });

  it('round-trips through JSON with the same features', () => {
    const encoder = new OneHotEncoder({ minFrequency: 2, handleUnknown: 'ignore' }).fit(
      [LETTERS, SOURCE.concat(['x', 'y'])],
      {
        names: ['letter', 'source'],
      },
    );
    const restored = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
    expect(restored.featureNames).toEqual(encoder.featureNames);
    const probe = [
      ['a', 'zzz', null],
      ['Google', '', 'x'],
    ];
    expect(restored.transform(probe).toRows()).toEqual(encoder.transform(probe).toRows());
  });
});
