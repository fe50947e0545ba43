import {
  DEFAULT_IQR_K,
  DEFAULT_ZSCORE,
  type ColumnSelection,
  type FilterStep,
  type OutlierRule,
  type RecipeStep,
} from './recipe-step.ts';

const LISTED = 3;

/**
 * One line of plain English for a step, for the recipe editor and the reports.
 *
 * @example
 * describeStep({ id: 's1', kind: 'set-missing-markers', columns: ['TotalCharges'], markers: [' '] });
 * // "Treat ' ' in TotalCharges as missing"
 */
export function describeStep(step: RecipeStep): string {
  switch (step.kind) {
    case 'cast':
      return ['category', 'text', 'id'].includes(step.to)
        ? `Treat ${step.column} as ${step.to}`
        : `Cast ${step.column} to ${step.to} (values that do not parse become missing)`;
    case 'trim':
      return `Trim surrounding whitespace in ${columnsText(step.columns)}`;
    case 'case-fold':
      return `${{ lower: 'Lower-case', upper: 'Upper-case', title: 'Title-case' }[step.mode]} ${columnsText(step.columns)}`;
    case 'map-values': {
      const pairs = Object.entries(step.mapping).map(
        ([from, to]) => `${quote(from)} → ${to === null ? 'missing' : quote(to)}`,
      );
      return `In ${step.column}, replace ${listText(pairs)}`;
    }
    case 'set-missing-markers':
      return `Treat ${listText(step.markers.map(quote))} in ${columnsText(step.columns)} as missing`;
    case 'impute':
      return step.strategy === 'constant'
        ? `Fill missing ${step.column} with ${quote(step.value ?? '')}`
        : `Fill missing ${step.column} with the ${step.strategy} of the training rows`;
    case 'drop-missing':
      return `Drop rows missing a value in ${step.columns === 'all' ? 'any column' : listText(step.columns, 'or')}`;
    case 'drop-duplicates':
      return step.columns === 'all'
        ? 'Drop duplicate rows, keeping the first'
        : `Drop rows that repeat an earlier row's ${listText(step.columns)}, keeping the first`;
    case 'clip-outliers':
      return `Clip ${step.column} to ${ruleText(step.rule)}`;
    case 'drop-outliers':
      return `Drop rows whose ${step.column} is outside ${ruleText(step.rule)}`;
    case 'drop-columns':
      return `Drop ${step.columns.length === 1 ? 'column' : 'columns'} ${listText(step.columns)}`;
    case 'parse-dates':
      return `Parse ${step.column} as dates (${step.format === 'auto' ? 'any known format' : step.format}) into ISO yyyy-mm-dd`;
    case 'filter':
      return `Keep rows where ${filterText(step)}`;
  }
}

function ruleText(rule: OutlierRule): string {
  switch (rule.method) {
    case 'iqr':
      return `the training IQR fences (Q1 − ${rule.k ?? DEFAULT_IQR_K}·IQR, Q3 + ${rule.k ?? DEFAULT_IQR_K}·IQR)`;
    case 'zscore':
      return `the training mean ± ${rule.z ?? DEFAULT_ZSCORE} standard deviations`;
    case 'bounds':
      return `[${rule.min ?? '−∞'}, ${rule.max ?? '∞'}]`;
  }
}

function filterText(step: FilterStep): string {
  const value = step.value;
  const one = (v: string | number): string => (typeof v === 'number' ? String(v) : quote(v));
  switch (step.op) {
    case 'is-missing':
      return `${step.column} is missing`;
    case 'not-missing':
      return `${step.column} is not missing`;
    case 'in':
    case 'not-in': {
      const values = Array.isArray(value) ? value.map(one) : [];
      return `${step.column} is ${step.op === 'in' ? '' : 'not '}one of ${listText(values, 'or')}`;
    }
    default:
      return `${step.column} ${step.op} ${value === undefined || Array.isArray(value) ? '?' : one(value)}`;
  }
}

function columnsText(columns: ColumnSelection): string {
  return columns === 'all' ? 'every column' : listText(columns);
}

function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length > LISTED + 1)
    return `${items.slice(0, LISTED).join(', ')} ${conjunction} ${items.length - LISTED} more`;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

function quote(text: string): string {
  return `'${text}'`;
}
