import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../model-selection';
import { crossValidateModel } from './cross-validate-model';
import { loadCsvDataset } from './load-csv-dataset';

const X_EDUCATION = fileURLToPath(new URL('../../../../data/xeducation-leads/leads.csv', import.meta.url));

/**
 * A correctness floor, not a speed test: on 9,240 real leads, gradient boosting with its defaults must keep the
 * 5-fold ROC AUC that XGBoost and scikit-learn reach (≈0.933) within reach.
 */
describe('gradient boosting on the X Education leads', () => {
  it('keeps a 5-fold cross-validated ROC AUC above 0.92', async () => {
    const { X, y, featureNames } = await loadCsvDataset(X_EDUCATION, {
      target: 'Converted',
      drop: ['Prospect ID', 'Lead Number', 'Tags', 'Lead Quality', 'Last Notable Activity'],
      naValues: ['Select'],
    });
    expect(X.nRows).toBe(9240);
    expect(featureNames).toContain('Lead Source=Google');
    const folds = stratifiedKFold(y, { nSplits: 5, shuffle: true, randomState: 0 });
    const summary = crossValidateModel(X, y, { model: 'gbdt', folds });
    expect(summary.auc).toBeGreaterThan(0.92);
    expect(summary.aucStd).toBeLessThan(0.02);
  });
});
