import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossValidateModel } from '../src/cli/cross-validate-model';
import { loadCsvDataset } from '../src/cli/load-csv-dataset';
import type { ModelName } from '../src/cli/models';
import { KMeans } from '../src/cluster';
import { makeClassification } from '../src/datasets/make-classification';
import { LogisticRegression } from '../src/linear';
import type { Matrix } from '../src/matrix';
import { type Fold, stratifiedKFold } from '../src/model-selection';
import { SimpleImputer, StandardScaler } from '../src/preprocessing';

const PYTHON = '/usr/bin/python3';
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const REFERENCE_SCRIPT = fileURLToPath(new URL('./reference.py', import.meta.url));
/** The benchmark settings, shared by every tree model on both sides. */
const PARAMS = { trees: 200, depth: 6, learningRate: 0.1, bins: 256 };
const XEDUCATION_DROP = ['Prospect ID', 'Lead Number', 'Tags', 'Lead Quality', 'Last Notable Activity'];

type Row = {
  dataset: string;
  model: string;
  auc: number;
  aucStd: number;
  fitSecondsMedian: number;
  predictRowsPerSecond: number;
};

/** XGBoost's growth (level by level to a depth, no leaf cap) and no early stopping, as on the Python side. */
function benchParams(model: ModelName): Record<string, unknown> {
  if (model === 'gbdt') {
    return {
      nEstimators: PARAMS.trees,
      growPolicy: 'depthwise',
      maxDepth: PARAMS.depth,
      maxLeafNodes: null,
      learningRate: PARAMS.learningRate,
      earlyStopping: false,
    };
  }
  return model === 'rf' ? { nEstimators: PARAMS.trees } : {};
}

function xEducationPath(): string {
  const shared = join(ROOT, '../shared/data/xeducation-leads/leads.csv');
  return existsSync(shared) ? shared : join(ROOT, 'data/xeducation-leads/leads.csv');
}

async function writeMatrix(directory: string, name: string, X: Matrix, y?: Float64Array, folds?: Int32Array) {
  await writeFile(join(directory, `${name}.x.f64`), new Uint8Array(X.toRowMajor().buffer));
  if (y) await writeFile(join(directory, `${name}.y.f64`), new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
  if (folds) await writeFile(join(directory, `${name}.folds.i32`), new Uint8Array(folds.buffer));
  return {
    name,
    rows: X.nRows,
    cols: X.nCols,
    x: `${name}.x.f64`,
    y: y ? `${name}.y.f64` : null,
    folds: folds ? `${name}.folds.i32` : null,
  };
}

function pythonAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, xgboost'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Mean-imputed, standardised copy: what logistic regression and k-means see, identically on both sides. */
function scaled(X: Matrix): Matrix {
  return new StandardScaler().fitTransform(new SimpleImputer({ strategy: 'mean' }).fitTransform(X));
}

function format(value: number, digits: number) {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export async function benchMl({ quick = false }: { quick?: boolean } = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'ivy-bench-ml-'));
  try {
    console.log('Preparing data…');
    const xed = await loadCsvDataset(xEducationPath(), {
      target: 'Converted',
      drop: XEDUCATION_DROP,
      naValues: ['Select'],
    });
    const synthetic = makeClassification({
      nRows: quick ? 20_000 : 200_000,
      nFeatures: 40,
      nInformative: 12,
      missingRate: 0.05,
      randomState: 1,
    });
    const datasets = [
      {
        name: 'xeducation',
        X: xed.X,
        y: xed.y,
        models: ['gbdt', 'rf', 'logreg'] as ModelName[],
        python: ['xgboost', 'sklearn-hgb', 'sklearn-rf', 'sklearn-logreg'],
      },
      {
        name: 'synthetic',
        X: synthetic.X,
        y: synthetic.y,
        models: ['gbdt', 'logreg'] as ModelName[],
        python: ['xgboost', 'sklearn-hgb', 'sklearn-logreg'],
      },
    ];
    const xedScaled = scaled(xed.X);
    const manifest = {
      threads: 2,
      params: PARAMS,
      datasets: [] as object[],
      linear: [{ ...(await writeMatrix(directory, 'xeducation-scaled', xedScaled, xed.y)), C: 1 }],
      kmeans: [{ ...(await writeMatrix(directory, 'xeducation-kmeans', xedScaled)), k: 8 }],
    };
    const folds = new Map<string, Fold[]>();
    for (const dataset of datasets) {
      const splits = stratifiedKFold(dataset.y, { nSplits: 5, shuffle: true, randomState: 0 });
      folds.set(dataset.name, splits);
      const ids = new Int32Array(dataset.y.length);
      for (const [f, { test }] of splits.entries()) for (const row of test) ids[row] = f;
      manifest.datasets.push({
        ...(await writeMatrix(directory, dataset.name, dataset.X, dataset.y, ids)),
        models: dataset.python,
      });
    }
    await writeFile(join(directory, 'manifest.json'), JSON.stringify(manifest));

    const rows: Row[] = [];
    const reference: Record<string, unknown>[] = [];
    if (pythonAvailable()) {
      console.log('Running scikit-learn and XGBoost…');
      const output = execFileSync(PYTHON, [REFERENCE_SCRIPT, directory], { encoding: 'utf8', maxBuffer: 64 << 20 });
      for (const line of output.trim().split('\n')) reference.push(JSON.parse(line));
    } else {
      console.log(`scikit-learn/XGBoost not found for ${PYTHON}: apt-get install -y python3-sklearn python3-xgboost`);
    }
    for (const entry of reference) if ('auc' in entry) rows.push(entry as Row);

    for (const dataset of datasets) {
      for (const model of dataset.models) {
        console.log(`Running ivy ${model} on ${dataset.name}…`);
        const result = crossValidateModel(dataset.X, dataset.y, {
          model,
          folds: folds.get(dataset.name) ?? [],
          params: benchParams(model),
        });
        rows.push({ dataset: dataset.name, model: `ivy-${model}`, ...result });
      }
    }
    printTable(rows);
    printRatios(rows);
    compareLinear(xedScaled, xed.y, reference);
    compareKMeans(xedScaled, reference);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function printTable(rows: Row[]) {
  console.log('');
  console.log(
    `5-fold stratified CV, same folds and data for every engine; trees: ${PARAMS.trees}, depth ${PARAMS.depth}, learning rate ${PARAMS.learningRate}, ${PARAMS.bins} bins (255 + missing for ivy and scikit-learn)`,
  );
  console.log('dataset     model            ROC AUC   ± std    fit s (median)   predict rows/s');
  for (const row of rows) {
    console.log(
      `${row.dataset.padEnd(11)} ${row.model.padEnd(16)} ${format(row.auc, 4).padStart(7)}   ${format(row.aucStd, 4)}   ${format(row.fitSecondsMedian, 3).padStart(14)}   ${Math.round(row.predictRowsPerSecond).toLocaleString('en-GB').padStart(14)}`,
    );
  }
}

function printRatios(rows: Row[]) {
  const find = (dataset: string, model: string) => rows.find((row) => row.dataset === dataset && row.model === model);
  console.log('');
  for (const dataset of ['xeducation', 'synthetic']) {
    const ours = find(dataset, 'ivy-gbdt');
    const xgb = find(dataset, 'xgboost');
    if (!ours || !xgb) continue;
    console.log(
      `${dataset}: ivy GBDT vs XGBoost — AUC ${format(ours.auc - xgb.auc, 4)} (goal >= -0.003), fit time ×${format(ours.fitSecondsMedian / xgb.fitSecondsMedian, 2)} (goal <= 1.5), predict throughput ×${format(ours.predictRowsPerSecond / xgb.predictRowsPerSecond, 2)} (goal >= 1)`,
    );
  }
}

function compareLinear(X: Matrix, y: Float64Array, reference: Record<string, unknown>[]) {
  const sklearn = reference.find((entry) => entry.model === 'sklearn-logreg-coefficients') as
    | { coefficients: number[]; intercept: number }
    | undefined;
  if (!sklearn) return;
  const model = new LogisticRegression({ C: 1, solver: 'newton' }).fit(X, y);
  const ours = [...model.coefficients, model.intercept];
  const theirs = [...sklearn.coefficients, sklearn.intercept];
  const scale = Math.max(...theirs.map(Math.abs));
  const worst = Math.max(...ours.map((value, j) => Math.abs(value - (theirs[j] as number)) / scale));
  console.log(
    `logistic regression (C=1, ${ours.length - 1} standardised features + intercept): largest coefficient difference from scikit-learn ${worst.toExponential(2)} relative to the largest coefficient (goal <= 1e-4)`,
  );
}

function compareKMeans(X: Matrix, reference: Record<string, unknown>[]) {
  const sklearn = reference.find((entry) => entry.model === 'sklearn-kmeans') as
    | { inertia: number; fitSeconds: number }
    | undefined;
  const started = performance.now();
  const model = new KMeans({ nClusters: 8, nInit: 10, randomState: 0 }).fit(X);
  const seconds = (performance.now() - started) / 1000;
  const comparison = sklearn
    ? `, scikit-learn ${sklearn.inertia.toFixed(1)} in ${sklearn.fitSeconds.toFixed(2)} s: ratio ${(model.inertia / sklearn.inertia).toFixed(4)} (goal <= 1.01)`
    : '';
  console.log(
    `k-means (k=8, 10 inits): ivy inertia ${model.inertia.toFixed(1)} in ${seconds.toFixed(2)} s${comparison}`,
  );
}
