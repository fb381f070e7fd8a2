import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { MlInputError, ParameterError } from '../errors';
import { stratifiedKFold } from '../model-selection';
import { crossValidateModel } from './cross-validate-model';
import { loadCsvDataset } from './load-csv-dataset';
import { MODEL_NAMES, type ModelName } from './models';

const USAGE_ERROR = 2;

function integer(minimum: number) {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < minimum)
      throw new InvalidArgumentError(`expected an integer >= ${minimum}`);
    return parsed;
  };
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const round = (value: number, digits: number) => Number(value.toFixed(digits));

const program = new Command('ivy-ml')
  .description('Evaluate the @ivy/ml engine on your own tabular data')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command('cv')
  .description('Stratified k-fold cross-validation on a CSV file with a binary target; prints one JSON line')
  .requiredOption('--csv <file>', 'the CSV file')
  .requiredOption('--target <column>', 'the binary target column')
  .option('--positive <value>', 'the target value that counts as positive (default: the larger of two values)')
  .option('--sep <char>', 'field separator', ',')
  .option('--drop <columns>', 'comma-separated columns to ignore', list, [])
  .option('--na <values>', 'comma-separated placeholders read as missing, e.g. Select,unknown', list, [])
  .addOption(new Option('--model <name>', 'the model').choices(MODEL_NAMES).default('gbdt'))
  .option('--folds <n>', 'number of folds', integer(2), 5)
  .option('--seed <n>', 'random seed for folds and models', integer(0), 0)
  .action(async (options) => {
    const dataset = await loadCsvDataset(options.csv, {
      target: options.target,
      positive: options.positive,
      separator: options.sep,
      drop: options.drop,
      naValues: options.na,
    });
    const folds = stratifiedKFold(dataset.y, { nSplits: options.folds, shuffle: true, randomState: options.seed });
    const summary = crossValidateModel(dataset.X, dataset.y, {
      model: options.model as ModelName,
      folds,
      params: { randomState: options.seed },
    });
    process.stdout.write(
      `${JSON.stringify({
        model: options.model,
        rows: dataset.X.nRows,
        features: dataset.X.nCols,
        auc: round(summary.auc, 6),
        aucStd: round(summary.aucStd, 6),
        fitSecondsMedian: round(summary.fitSecondsMedian, 4),
        predictRowsPerSecond: Math.round(summary.predictRowsPerSecond),
      })}\n`,
    );
  });

program
  .command('bench')
  .description('Side by side with scikit-learn and XGBoost (Debian python3-sklearn, python3-xgboost)')
  .option('--quick', 'a 20,000-row synthetic problem instead of 200,000')
  .action(async (options) => {
    const { benchMl } = await import('../../bench/bench-ml');
    await benchMl({ quick: Boolean(options.quick) });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR;
  } else if (error instanceof MlInputError || error instanceof ParameterError) {
    process.stderr.write(`ivy-ml: ${error.message}\n`);
    process.exitCode = USAGE_ERROR;
  } else {
    throw error;
  }
}
