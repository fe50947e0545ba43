import type { FittedStep } from './fitted-values.ts';
import { mean, mostFrequent, populationStd, quantileSorted } from './numeric-stats.ts';
import { formatNumber, parseNumberText } from './parse-number.ts';
import {
  DEFAULT_IQR_K,
  DEFAULT_ZSCORE,
  type ClipOutliersStep,
  type DropOutliersStep,
  type ImputeStep,
} from './recipe-step.ts';
import { columnIndex, plural, stepError, type StepContext, type StepOutcome } from './step-context.ts';

// Steps that may learn a value from the training rows (or replay one from fitted values).

export function imputeStep(ctx: StepContext<ImputeStep>): StepOutcome {
  const { table, step } = ctx;
  const c = columnIndex(ctx, step.column);
  const column = table.columns[c]!;
  let fill: string;
  let learned = '';
  if (step.strategy === 'constant') fill = step.value ?? '';
  else {
    const fitted = ctx.mode === 'learn' ? learnImpute(ctx, c) : replayed(ctx, 'impute');
    fill = fitted.value;
    learned = `Learned the ${step.strategy} ${fill} from ${plural(fitted.learnedFrom, 'training value')}; `;
  }
  let filled = 0;
  for (let r = 0; r < table.rowCount; r++) {
    if (column[r] === null) {
      column[r] = fill;
      filled++;
    }
  }
  const message = `${learned}filled ${plural(filled, 'missing cell')} in ${step.column} with '${fill}'.`;
  return { cellsChanged: filled, message: message.charAt(0).toUpperCase() + message.slice(1) };
}

function learnImpute(ctx: StepContext<ImputeStep>, c: number): FittedStep & { kind: 'impute' } {
  const { table, step } = ctx;
  const column = table.columns[c]!;
  let fitted: FittedStep & { kind: 'impute' };
  if (step.strategy === 'mode') {
    const counts = new Map<string, number>();
    let learnedFrom = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const text = column[r];
      if (text == null || !isTrainRow(ctx, r)) continue;
      counts.set(text, (counts.get(text) ?? 0) + 1);
      learnedFrom++;
    }
    fitted = { kind: 'impute', value: mostFrequent(counts) ?? '', learnedFrom };
  } else {
    const values = trainValues(ctx, readNumbers(ctx, c));
    values.sort();
    let value = step.strategy === 'mean' ? mean(values) : quantileSorted(values, 0.5);
    // An integer column stays whole: the fill is rounded (half up).
    if (table.types[c] === 'integer') value = Math.round(value);
    fitted = { kind: 'impute', value: formatNumber(value), learnedFrom: values.length };
  }
  if (fitted.learnedFrom === 0) {
    throw stepError(ctx, `no training row has a value in ${step.column} to learn the ${step.strategy} from`);
  }
  ctx.fitted[step.id] = fitted;
  return fitted;
}

export function clipOutliersStep(ctx: StepContext<ClipOutliersStep>): StepOutcome {
  const { table, step } = ctx;
  const c = columnIndex(ctx, step.column);
  const column = table.columns[c]!;
  const values = readNumbers(ctx, c);
  let { lower, upper } = outlierBounds(ctx, values);
  // In an integer column, clipping to the nearest whole number inside the bounds keeps it whole and clips
  // exactly the same values.
  if (table.types[c] === 'integer') {
    if (lower !== null) lower = Math.ceil(lower);
    if (upper !== null) upper = Math.floor(upper);
  }
  const lowerText = lower === null ? '' : formatNumber(lower);
  const upperText = upper === null ? '' : formatNumber(upper);
  let clipped = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const value = values[r]!;
    if (lower !== null && value < lower) column[r] = lowerText;
    else if (upper !== null && value > upper) column[r] = upperText;
    else continue;
    clipped++;
  }
  return {
    cellsChanged: clipped,
    message: `Clipped ${plural(clipped, 'value')} of ${step.column} to [${lowerText || '−∞'}, ${upperText || '∞'}].`,
  };
}

export function dropOutliersStep(ctx: StepContext<DropOutliersStep>): StepOutcome {
  const { table, step } = ctx;
  const values = readNumbers(ctx, columnIndex(ctx, step.column));
  const { lower, upper } = outlierBounds(ctx, values);
  const keep = new Uint8Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const value = values[r]!;
    // NaN (missing) compares false both ways, so missing values are kept.
    keep[r] = (lower !== null && value < lower) || (upper !== null && value > upper) ? 0 : 1;
  }
  const range = `[${lower === null ? '−∞' : formatNumber(lower)}, ${upper === null ? '∞' : formatNumber(upper)}]`;
  return { cellsChanged: 0, keep, message: `Kept rows whose ${step.column} is within ${range} or missing.` };
}

function outlierBounds(
  ctx: StepContext<ClipOutliersStep | DropOutliersStep>,
  values: Float64Array,
): { lower: number | null; upper: number | null } {
  const { rule } = ctx.step;
  if (rule.method === 'bounds') return { lower: rule.min ?? null, upper: rule.max ?? null };
  if (ctx.mode === 'replay') return replayed(ctx, ctx.step.kind);
  const train = trainValues(ctx, values);
  if (train.length === 0) {
    throw stepError(
      ctx,
      `no training row has a value in ${ctx.step.column} to learn the outlier bounds from`,
    );
  }
  let lower: number;
  let upper: number;
  if (rule.method === 'iqr') {
    train.sort();
    const q1 = quantileSorted(train, 0.25);
    const q3 = quantileSorted(train, 0.75);
    const k = rule.k ?? DEFAULT_IQR_K;
    lower = q1 - k * (q3 - q1);
    upper = q3 + k * (q3 - q1);
  } else {
    const center = mean(train);
    const spread = (rule.z ?? DEFAULT_ZSCORE) * populationStd(train, center);
    lower = center - spread;
    upper = center + spread;
  }
  ctx.fitted[ctx.step.id] = { kind: ctx.step.kind, lower, upper, learnedFrom: train.length };
  return { lower, upper };
}

/**
 * The column's values as numbers, NaN where missing.
 *
 * @throws RecipeStepError naming the first value that is not a number, and its row.
 */
function readNumbers(ctx: StepContext, c: number): Float64Array {
  const { table } = ctx;
  const column = table.columns[c]!;
  const values = new Float64Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const text = column[r];
    if (text == null) {
      values[r] = NaN;
      continue;
    }
    const value = parseNumberText(text);
    if (Number.isNaN(value)) {
      throw stepError(
        ctx,
        `${table.names[c]} has the value '${text}' (row ${table.rowIds[r]}), which is not a number; ` +
          'cast the column to number first, or make such values missing',
      );
    }
    values[r] = value;
  }
  return values;
}

/** The present values of training rows. */
function trainValues(ctx: StepContext, values: Float64Array): Float64Array {
  const train = new Float64Array(values.length);
  let n = 0;
  for (let r = 0; r < values.length; r++) {
    const value = values[r]!;
    if (!Number.isNaN(value) && isTrainRow(ctx, r)) train[n++] = value;
  }
  return train.slice(0, n);
}

function isTrainRow(ctx: StepContext, r: number): boolean {
  return ctx.isTrain === null || ctx.isTrain[ctx.table.rowIds[r]!] === 1;
}

function replayed<K extends FittedStep['kind']>(ctx: StepContext, kind: K): FittedStep & { kind: K } {
  const fitted = ctx.fitted[ctx.step.id];
  if (fitted?.kind !== kind) {
    throw stepError(ctx, `the fitted values have no ${kind} entry for step id '${ctx.step.id}'`);
  }
  return fitted as FittedStep & { kind: K };
}
