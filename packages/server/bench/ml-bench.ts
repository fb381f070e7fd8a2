import { loadConversionModel, trainingConfigSchema } from '@ivy/core';
import { type Database, predictionInputs, queryRows, trainingSnapshots } from '@ivy/db';
import { sql } from 'drizzle-orm';
import { trainInWorker } from '../src/ml/train-in-worker';
import { DEFAULT_TRAINING_ROW_LIMIT, PREDICTION_HORIZON_DAYS } from '../src/ml/training-job';
import { throughputRow } from './bench-targets';

const PREDICTED_PEOPLE = 10_000;

/**
 * The conversion model end to end from the database: reading the point-in-time training rows, training the default
 * model (GBDT, 5 grouped folds, feature selection, calibration) in a worker thread, then predicting 10k open leads
 * (features from the database, then the model).
 */
export async function benchConversionModel(database: Database) {
  const now = new Date();
  const readStarted = performance.now();
  const set = await trainingSnapshots(database.db, {
    now,
    horizonDays: PREDICTION_HORIZON_DAYS,
    limit: DEFAULT_TRAINING_ROW_LIMIT,
  });
  const readSeconds = (performance.now() - readStarted) / 1000;
  const trainStarted = performance.now();
  const trained = await trainInWorker(set.rows, trainingConfigSchema.parse({}), () => {});
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  console.log(
    throughputRow(`training rows read (${set.snapshots} monthly snapshots)`, set.rows.length, readSeconds, 'rows'),
  );
  console.log(
    throughputRow('GBDT trained (CV, selection, calibration; worker)', set.rows.length, trainSeconds, 'rows'),
  );
  console.log(
    `    end to end ${(readSeconds + trainSeconds).toFixed(1)} s; CV ROC AUC ${trained.metrics.cv_roc_auc.toFixed(4)} ± ${trained.metrics.cv_roc_auc_std.toFixed(4)}, ECE ${trained.metrics.ece.toFixed(4)}, ${trained.input_features.length} features kept`,
  );

  const model = loadConversionModel(trained.artifact);
  const ids = (
    await queryRows<{ id: string }>(
      database.db,
      sql`select id from people where lifecycle_stage in ('enquirer', 'applicant', 'offer', 'accepted')
          order by md5(id::text) limit ${PREDICTED_PEOPLE}`,
    )
  ).map((row) => row.id);
  const runs: { features: number; predict: number; predicted: number }[] = [];
  const explained: number[] = [];
  for (let run = 0; run < 4; run += 1) {
    const featuresStarted = performance.now();
    const inputs = await predictionInputs(database.db, {
      ids,
      scope: { kind: 'all' },
      now,
      horizonDays: PREDICTION_HORIZON_DAYS,
    });
    const predictStarted = performance.now();
    const predictions = model.predict(
      inputs.open.map((row) => row.features),
      { contributions: false },
    );
    const explainStarted = performance.now();
    model.predict(inputs.open.slice(0, 50).map((row) => row.features));
    explained.push((performance.now() - explainStarted) / 1000);
    runs.push({
      features: (predictStarted - featuresStarted) / 1000,
      predict: (explainStarted - predictStarted) / 1000,
      predicted: predictions.length,
    });
  }
  // The first run warms the JIT; report the median of the rest.
  const steady = runs.slice(1).sort((a, b) => a.features + a.predict - (b.features + b.predict));
  const median = steady[Math.floor(steady.length / 2)] ?? runs[0];
  if (!median) return;
  console.log(
    throughputRow(`features from the database, ${ids.length} people`, median.predicted, median.features, 'leads'),
  );
  console.log(throughputRow('model predictions (probability and interval)', median.predicted, median.predict, 'leads'));
  const explainSeconds = explained.slice(1).sort((a, b) => a - b)[1] ?? explained[0] ?? Number.NaN;
  console.log(throughputRow('a table page of 50 with top drivers (TreeSHAP)', 50, explainSeconds, 'leads'));
  console.log(
    `    batch of ${ids.length.toLocaleString('en-GB')} people: ${((median.features + median.predict) * 1000).toFixed(0)} ms`,
  );
}
