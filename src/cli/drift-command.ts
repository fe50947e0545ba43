import { tableDrift, type FeatureDrift } from '../core/drift/index.ts';
import { readTable } from './read-table.ts';
import { UsageError } from './main.ts';

const USAGE = 'usage: looplab drift <reference.csv> <current.csv>';

/**
 * `looplab drift <reference.csv> <current.csv>`: per-column drift of a current file against a reference
 * file, and the dataset verdict, as the Monitor stage computes it (src/core/drift): the test per column by
 * Evidently's rule (KS or chi-square p < 0.05 for a reference of ≤ 1000 rows, else normed Wasserstein or
 * Jensen–Shannon ≥ 0.1), PSI always, dataset drift when at least half the counted columns drift. Column kinds
 * come from the app's profile of the reference; ID-like, free-text and date columns are listed but not
 * counted. Ragged rows are left out of both files, with a warning.
 */
export async function driftCommand(args: string[]) {
  const option = args.find((arg) => arg.startsWith('--'));
  if (option !== undefined) throw new UsageError(`unknown option ${option}. ${USAGE}`);
  if (args.length !== 2) throw new UsageError(USAGE);
  const [referenceFile, currentFile] = args as [string, string];
  const reference = await readTable(referenceFile);
  const current = await readTable(currentFile);
  const drift = tableDrift(reference.table, current.table);
  const ingestWarnings = [
    [referenceFile, reference.result] as const,
    [currentFile, current.result] as const,
  ].flatMap(([file, result]) => [
    ...result.warnings.map((w) => `${file}: ${w}`),
    ...(result.rejectedCount > 0 ? [`${file}: ${result.rejectedCount} ragged rows left out.`] : []),
  ]);
  return {
    rows: { reference: reference.result.rowCount, current: current.result.rowCount },
    features: drift.features.map(summary),
    counted: drift.counted,
    drifted: drift.drifted,
    shareDrifted: drift.shareDrifted,
    datasetDrift: drift.datasetDrift,
    warnings: [...ingestWarnings, ...drift.warnings],
  };
}

/** The columns of a feature a reader of the CLI needs; the counts of values and missing cells included. */
function summary(f: FeatureDrift) {
  return {
    name: f.name,
    kind: f.kind,
    test: f.test,
    statistic: f.statistic,
    ...(f.pValue !== undefined ? { pValue: f.pValue } : {}),
    threshold: f.threshold,
    psi: f.psi,
    psiBand: f.psiBand,
    drift: f.drift,
    counted: f.counted,
    values: { reference: f.reference.values, current: f.current.values },
    missing: { reference: f.reference.missing, current: f.current.missing },
    ...(f.newCategories && f.newCategories.length > 0 ? { newCategories: f.newCategories } : {}),
  };
}
