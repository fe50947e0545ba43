// The report of `looplab drift-stats`: every statistic of the drift oracle
// (../shared/data/oracles/drift_oracle.py, scipy 1.10.1 / numpy 1.24.2) for one pair of samples, under the
// oracle's key names and in its nesting, so that the CLI output and a fixture's `expected` block can be
// compared key by key. Nulls are dropped first and counted, as the oracle does; a non-finite number is
// written 'inf', '-inf' or 'nan', as the oracle writes Python's floats.
import type { OracleNumber } from '../metrics/oracle-report.ts';
import { categoricalDriftStats } from './categorical-drift-stats.ts';
import type { ChiSquareResult } from './chi-square.ts';
import { numericDriftStats } from './numeric-drift-stats.ts';

/** The oracle's input: `drift_oracle.py INPUT.json`. */
export type DriftInput =
  | { kind: 'numeric'; reference: (number | null)[]; current: (number | null)[] }
  | { kind: 'categorical'; reference: (string | null)[]; current: (string | null)[] };

type OracleChiSquare =
  | { statistic: OracleNumber; pvalue: OracleNumber; dof: number; yates_correction_applied: boolean }
  | { statistic: null; pvalue: null; dof: 0; error: string };

interface DroppedNulls {
  dropped_nulls: { reference: number; current: number };
}

export interface NumericDriftReport extends DroppedNulls {
  n_ref: number;
  n_cur: number;
  ks: {
    statistic: OracleNumber;
    pvalue_auto: OracleNumber;
    pvalue_asymp: OracleNumber;
    pvalue_exact: OracleNumber | null;
    pvalue_exact_error?: string;
  };
  wasserstein: OracleNumber;
  bins: { inner_edges: OracleNumber[]; count_ref: number[]; count_cur: number[] };
  psi: OracleNumber;
  psi_terms: OracleNumber[];
  jensenshannon: { base_e: OracleNumber; base_2: OracleNumber };
  chi2_binned: OracleChiSquare;
  mean_ref: OracleNumber;
  mean_cur: OracleNumber;
  std_ref: OracleNumber;
  std_cur: OracleNumber;
}

export interface CategoricalDriftReport extends DroppedNulls {
  n_ref: number;
  n_cur: number;
  categories: string[];
  count_ref: number[];
  count_cur: number[];
  chi2: OracleChiSquare;
  psi: OracleNumber;
  psi_terms: OracleNumber[];
  jensenshannon: { base_e: OracleNumber; base_2: OracleNumber };
  total_variation: OracleNumber;
  new_categories: string[];
  missing_categories: string[];
}

export type DriftReport = NumericDriftReport | CategoricalDriftReport;

const FIELDS = new Set(['kind', 'reference', 'current', 'seed']);

/**
 * Checks an oracle input read from JSON, naming the field and the position of anything wrong. Numeric
 * samples take numbers and nulls; categorical ones strings, whole numbers, booleans (as Python's `str` writes
 * them: `True`) and nulls. `seed`, which the oracle's fixtures carry, is accepted and ignored.
 *
 * @throws Error with a one-line message for the user.
 * @example
 * parseDriftInput({ kind: 'numeric', reference: [1, 2, null], current: [3] }).reference; // [1, 2, null]
 */
export function parseDriftInput(value: unknown): DriftInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`the input must be a JSON object {kind, reference, current}, got ${describe(value)}.`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!FIELDS.has(key)) throw new Error(`unknown field "${key}" (expected kind, reference, current).`);
  }
  const { kind } = record;
  if (kind === 'numeric') {
    return {
      kind,
      reference: numbers(record.reference, 'reference'),
      current: numbers(record.current, 'current'),
    };
  }
  if (kind === 'categorical') {
    return {
      kind,
      reference: categories(record.reference, 'reference'),
      current: categories(record.current, 'current'),
    };
  }
  throw new Error(`kind must be "numeric" or "categorical", got ${describe(kind)}.`);
}

/**
 * The oracle's output for one input: nulls dropped and counted, then every statistic of
 * {@link numericDriftStats} or {@link categoricalDriftStats} under the oracle's keys.
 *
 * @throws Error when a sample has no values left once nulls are dropped (the oracle, scipy, fails there too).
 * @example
 * driftReport({ kind: 'categorical', reference: ['a', 'b'], current: ['b', 'c', null] }).new_categories; // ['c']
 */
export function driftReport(input: DriftInput): DriftReport {
  const reference = input.reference.filter((v) => v !== null);
  const current = input.current.filter((v) => v !== null);
  for (const [values, field] of [
    [reference, 'reference'],
    [current, 'current'],
  ] as const) {
    if (values.length === 0) throw new Error(`${field} has no values once nulls are dropped.`);
  }
  const dropped_nulls = {
    reference: input.reference.length - reference.length,
    current: input.current.length - current.length,
  };
  if (input.kind === 'categorical') {
    const s = categoricalDriftStats(reference as string[], current as string[]);
    return {
      n_ref: s.nReference,
      n_cur: s.nCurrent,
      categories: s.categories,
      count_ref: s.countReference,
      count_cur: s.countCurrent,
      chi2: chiSquare(s.chiSquare),
      psi: oracleNumber(s.psi),
      psi_terms: s.psiTerms.map(oracleNumber),
      jensenshannon: {
        base_e: oracleNumber(s.jensenShannon.baseE),
        base_2: oracleNumber(s.jensenShannon.base2),
      },
      total_variation: oracleNumber(s.totalVariation),
      new_categories: s.newCategories,
      missing_categories: s.missingCategories,
      dropped_nulls,
    };
  }
  const s = numericDriftStats(reference as number[], current as number[]);
  return {
    n_ref: s.nReference,
    n_cur: s.nCurrent,
    ks: {
      statistic: oracleNumber(s.ks.statistic),
      pvalue_auto: oracleNumber(s.ks.pValue),
      pvalue_asymp: oracleNumber(s.ks.pValueAsymptotic),
      pvalue_exact: s.ks.pValueExact === null ? null : oracleNumber(s.ks.pValueExact),
      ...(s.ks.exactError ? { pvalue_exact_error: s.ks.exactError } : {}),
    },
    wasserstein: oracleNumber(s.wasserstein),
    bins: {
      inner_edges: s.bins.innerEdges.map(oracleNumber),
      count_ref: s.bins.countReference,
      count_cur: s.bins.countCurrent,
    },
    psi: oracleNumber(s.psi),
    psi_terms: s.psiTerms.map(oracleNumber),
    jensenshannon: {
      base_e: oracleNumber(s.jensenShannon.baseE),
      base_2: oracleNumber(s.jensenShannon.base2),
    },
    chi2_binned: chiSquare(s.chiSquare),
    mean_ref: oracleNumber(s.meanReference),
    mean_cur: oracleNumber(s.meanCurrent),
    std_ref: oracleNumber(s.stdReference),
    std_cur: oracleNumber(s.stdCurrent),
    dropped_nulls,
  };
}

function chiSquare(result: ChiSquareResult): OracleChiSquare {
  if (result.statistic === null) return { statistic: null, pvalue: null, dof: 0, error: result.error };
  return {
    statistic: oracleNumber(result.statistic),
    pvalue: oracleNumber(result.pValue),
    dof: result.dof,
    yates_correction_applied: result.yates,
  };
}

function numbers(value: unknown, field: string): (number | null)[] {
  if (!Array.isArray(value)) throw new Error(`${field} must be an array, got ${describe(value)}.`);
  return value.map((v: unknown, i) => {
    if (v === null || (typeof v === 'number' && Number.isFinite(v))) return v;
    throw new Error(`${field}[${i}] must be a number or null, got ${describe(v)}.`);
  });
}

function categories(value: unknown, field: string): (string | null)[] {
  if (!Array.isArray(value)) throw new Error(`${field} must be an array, got ${describe(value)}.`);
  return value.map((v: unknown, i) => {
    if (v === null || typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    throw new Error(
      `${field}[${i}] must be a string, a whole number, a boolean or null, got ${describe(v)}.`,
    );
  });
}

/** A value as the oracle prints it: non-finite numbers become 'inf', '-inf' or 'nan'. */
function oracleNumber(x: number): OracleNumber {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
