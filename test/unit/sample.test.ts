import { describe, expect, it } from 'vitest';
import {
  CHURN_COLUMNS,
  CHURN_SAMPLE_MESS,
  SAMPLE_PROJECT,
  generateChurnCsv,
  generateChurnNextMonthCsv,
} from '../../src/core/sample/index.ts';

// The column list as the brief states it, written out here rather than imported, so a renamed column fails.
const EXPECTED_COLUMNS = [
  'customer_id',
  'signup_date',
  'plan',
  'region',
  'monthly_fee',
  'tenure_months',
  'contract',
  'payment_method',
  'support_tickets',
  'last_login_days',
  'satisfaction',
  'total_spend',
  'churned',
];
const PLANS = ['Basic', 'Standard', 'Premium'];
const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];

/** A tiny RFC 4180 reader, independent of the app's ingest: quoted fields, doubled quotes, LF records. */
function splitCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

type Row = Record<string, string>;

function readRows(text: string): { header: string[]; rows: Row[] } {
  const [header = [], ...records] = splitCsv(text);
  const rows = records.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])));
  return { header, rows };
}

const fold = (value: string): string => value.trim().toLowerCase();
const canonicalPlan = (value: string): string | undefined => PLANS.find((p) => fold(p) === fold(value));
const share = (rows: Row[], test: (row: Row) => boolean): number => rows.filter(test).length / rows.length;
const mean = (values: number[]): number => values.reduce((s, x) => s + x, 0) / values.length;
const churnRate = (rows: Row[]): number => share(rows, (r) => r.churned === 'Yes');
const fee = (row: Row): number => Number(row.monthly_fee);
const spend = (row: Row): number => Number((row.total_spend ?? '').replaceAll(',', ''));

const trainingText = generateChurnCsv();
const training = readRows(trainingText);
const nextMonthText = generateChurnNextMonthCsv();
const nextMonth = readRows(nextMonthText);

/** Whole months from a yyyy-mm-dd date to the last day of the snapshot month. */
function monthsBefore(date: string, snapshotYear: number, snapshotMonth: number): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return (snapshotYear - y) * 12 + (snapshotMonth - m);
}

describe('generateChurnCsv', () => {
  it('gives identical text for the same seed and different text for another seed', () => {
    expect(generateChurnCsv()).toBe(trainingText);
    expect(generateChurnCsv({ rows: 2000, seed: 42 })).toBe(trainingText);
    expect(generateChurnCsv({ seed: 7 })).not.toBe(trainingText);
    expect(generateChurnNextMonthCsv()).toBe(nextMonthText);
    expect(generateChurnNextMonthCsv({ seed: 44 })).not.toBe(nextMonthText);
  });

  it('writes a header and 2000 records of 13 fields, with LF line ends', () => {
    const records = splitCsv(trainingText);
    expect(records[0]).toEqual(EXPECTED_COLUMNS);
    expect([...CHURN_COLUMNS]).toEqual(EXPECTED_COLUMNS);
    expect(records).toHaveLength(2001);
    expect(records.every((r) => r.length === 13)).toBe(true);
    expect(trainingText).not.toContain('\r');
    expect(trainingText.endsWith('\n')).toBe(true);
    expect(splitCsv(nextMonthText)).toHaveLength(1001);
  });

  it('honours the rows option and refuses a bad one', () => {
    expect(readRows(generateChurnCsv({ rows: 150, seed: 1 })).rows).toHaveLength(150);
    expect(readRows(generateChurnCsv({ rows: 1 })).rows).toHaveLength(1);
    expect(() => generateChurnCsv({ rows: 0 })).toThrow(/positive whole number of rows/);
    expect(() => generateChurnCsv({ rows: 2.5 })).toThrow(RangeError);
  });

  it('quotes exactly the fields that hold a comma', () => {
    const quotedLines = trainingText.split('\n').filter((line) => line.includes('"'));
    expect(quotedLines.length).toBeGreaterThan(0);
    for (const line of quotedLines) expect(line).toMatch(/,"\d{1,3}(,\d{3})+\.\d{2}",/);
  });

  it('writes well-formed values where no mess was planted', () => {
    const payments = ['Credit card', 'Bank transfer', 'Electronic check', 'Mailed check'];
    const checks: Record<string, (value: string, row: Row) => boolean> = {
      customer_id: (v) => /^C\d{5}$/.test(v),
      signup_date: (v) => /^\d{4}-\d{2}-(0[1-9]|1\d|2[0-8])$/.test(v),
      plan: (v) => canonicalPlan(v) !== undefined,
      monthly_fee: (v) => /^(\d+\.\d{2}|9999)$/.test(v),
      tenure_months: (v) => /^\d+$/.test(v) && Number(v) <= 72,
      contract: (v) => CONTRACTS.includes(v),
      payment_method: (v) => payments.includes(v),
      support_tickets: (v) => /^\d+$/.test(v),
      last_login_days: (v) => /^\d+$/.test(v) && Number(v) <= 365,
      satisfaction: (v) => ['1', '2', '3', '4', '5', 'NA'].includes(v),
      total_spend: (v, row) => v === '' || Number.isFinite(spend(row)),
      churned: (v) => v === 'Yes' || v === 'No',
    };
    const problems: string[] = [];
    const inspect = (rows: Row[], snapshotMonth: number): void =>
      rows.forEach((row, i) => {
        for (const [column, ok] of Object.entries(checks)) {
          if (!ok(row[column] ?? '', row)) problems.push(`row ${i + 1} ${column}: '${row[column]}'`);
        }
        // tenure_months is the whole months from signup to the snapshot at the end of the month.
        if (monthsBefore(row.signup_date ?? '', 2025, snapshotMonth) !== Number(row.tenure_months)) {
          problems.push(`row ${i + 1}: signup ${row.signup_date} vs tenure ${row.tenure_months}`);
        }
      });
    inspect(training.rows, 6);
    inspect(nextMonth.rows, 7);
    expect(problems).toEqual([]);
  });

  it('keeps total_spend close to the fee times the months billed', () => {
    const clean = training.rows.filter((r) => r.total_spend !== '' && r.monthly_fee !== '9999');
    for (const row of clean) {
      const ratio = spend(row) / (fee(row) * (Number(row.tenure_months) + 1));
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.2);
    }
  });

  it('gives the two batches disjoint customer IDs', () => {
    const ids = new Set(training.rows.map((r) => r.customer_id));
    expect(nextMonth.rows.some((r) => ids.has(r.customer_id))).toBe(false);
    expect(nextMonth.rows[0]?.customer_id).toMatch(/^C5\d{4}$/);
  });
});

describe('the planted mess', () => {
  const rows = training.rows;
  const count = (test: (row: Row) => boolean): number => rows.filter(test).length;
  const stated = (kind: string, column: string | null): number => {
    const item = CHURN_SAMPLE_MESS.find((m) => m.kind === kind && m.column === column);
    if (!item) throw new Error(`no ${kind} item for ${column}`);
    return item.share;
  };
  /** Counted against the stated share of 2000 rows; duplicates may carry a planted value once more. */
  const expectShare = (actual: number, kind: string, column: string | null): void => {
    const expected = stated(kind, column) * rows.length;
    expect(Math.abs(actual - expected), `${kind} ${column}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      Math.max(2, 0.1 * expected),
    );
  };

  it('states the proportions the sample project promises', () => {
    expect(stated('missing', 'total_spend')).toBe(0.03);
    expect(stated('missing', 'satisfaction')).toBe(0.02);
    expect(stated('duplicate-rows', null)).toBe(0.01);
    for (const item of CHURN_SAMPLE_MESS) expect(item.description.length).toBeGreaterThan(20);
  });

  it('blanks about 3% of total_spend and writes NA in about 2% of satisfaction', () => {
    expectShare(
      count((r) => r.total_spend === ''),
      'missing',
      'total_spend',
    );
    expectShare(
      count((r) => r.satisfaction === 'NA'),
      'missing',
      'satisfaction',
    );
  });

  it('spells plan and region inconsistently, in ways a case and space fold merges', () => {
    const planVariants = rows.filter((r) => !PLANS.includes(r.plan ?? ''));
    expectShare(planVariants.length, 'inconsistent-spelling', 'plan');
    expect(new Set(planVariants.map((r) => r.plan)).size).toBeGreaterThanOrEqual(6);
    expect(planVariants.some((r) => r.plan === 'premium' || r.plan === 'PREMIUM')).toBe(true);
    expect(planVariants.some((r) => r.plan?.startsWith(' '))).toBe(true);

    const regions = ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Seattle'];
    const regionVariants = rows.filter((r) => !regions.includes(r.region ?? ''));
    expectShare(regionVariants.length, 'inconsistent-spelling', 'region');
    for (const row of regionVariants) expect(regions.map(fold)).toContain(fold(row.region ?? ''));
    expect(regionVariants.some((r) => r.region === 'new york' || r.region === 'NEW YORK')).toBe(true);
  });

  it('plants the 9999 fee sentinel and a few extreme ticket counts', () => {
    expectShare(
      count((r) => r.monthly_fee === '9999'),
      'sentinel',
      'monthly_fee',
    );
    expect(Math.max(...rows.filter((r) => r.monthly_fee !== '9999').map(fee))).toBeLessThan(150);
    const extreme = rows.filter((r) => Number(r.support_tickets) >= 40);
    expectShare(extreme.length, 'outlier', 'support_tickets');
    expect(extreme.length).toBeGreaterThan(0);
  });

  it('writes about 2% of total_spend with a thousands separator, all of them 1,000 or more', () => {
    const separated = rows.filter((r) => r.total_spend?.includes(','));
    expectShare(separated.length, 'number-as-text', 'total_spend');
    for (const row of separated) expect(spend(row)).toBeGreaterThanOrEqual(1000);
  });

  it('repeats about 1% of rows exactly, and nothing else', () => {
    const lines = trainingText.trimEnd().split('\n').slice(1);
    const seen = new Set<string>();
    let repeats = 0;
    for (const line of lines) {
      if (seen.has(line)) repeats++;
      seen.add(line);
    }
    expect(repeats).toBe(20);
    // Every repeated customer_id is a whole-row copy, not a different customer with the same ID.
    expect(new Set(training.rows.map((r) => r.customer_id)).size).toBe(seen.size);
  });

  it('plants the same kinds of mess in the next-month batch', () => {
    const next = nextMonth.rows;
    expect(next.filter((r) => r.total_spend === '').length).toBeGreaterThan(15);
    expect(next.filter((r) => r.satisfaction === 'NA').length).toBeGreaterThan(10);
    expect(next.filter((r) => r.monthly_fee === '9999').length).toBeGreaterThan(0);
    expect(next.filter((r) => !PLANS.includes(r.plan ?? '')).length).toBeGreaterThan(25);
  });
});

describe('the churn signal', () => {
  const rows = training.rows;

  it('has a base churn rate between 15% and 35%', () => {
    const rate = churnRate(rows);
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.35);
  });

  it('churns month-to-month customers far more than two-year ones', () => {
    const byContract = (c: string): number => churnRate(rows.filter((r) => r.contract === c));
    expect(byContract('Month-to-month')).toBeGreaterThan(2 * byContract('Two year'));
    expect(byContract('Month-to-month')).toBeGreaterThan(byContract('One year'));
    expect(byContract('One year')).toBeGreaterThan(byContract('Two year'));
  });

  it('links churn to short tenure, many tickets, long absence and low satisfaction', () => {
    const churned = rows.filter((r) => r.churned === 'Yes');
    const stayed = rows.filter((r) => r.churned === 'No');
    const avg = (group: Row[], column: string): number =>
      mean(group.filter((r) => r[column] !== 'NA' && Number(r[column]) < 40).map((r) => Number(r[column])));
    expect(avg(churned, 'tenure_months')).toBeLessThan(avg(stayed, 'tenure_months') - 3);
    expect(avg(churned, 'support_tickets')).toBeGreaterThan(avg(stayed, 'support_tickets') + 0.3);
    expect(avg(churned, 'last_login_days')).toBeGreaterThan(avg(stayed, 'last_login_days') + 2);
    expect(avg(churned, 'satisfaction')).toBeLessThan(avg(stayed, 'satisfaction') - 0.3);
  });

  it('is learnable but not trivial: a logistic regression reaches a held-out ROC AUC of 0.75 to 0.95', () => {
    const features = (r: Row): number[] => {
      const satisfaction = r.satisfaction === 'NA' ? 3 : Number(r.satisfaction);
      const monthlyFee = r.monthly_fee === '9999' ? 40 : fee(r);
      return [
        1,
        r.contract === 'Month-to-month' ? 1 : 0,
        r.contract === 'Two year' ? 1 : 0,
        Number(r.tenure_months) / 24,
        Math.min(Number(r.support_tickets), 8) / 2,
        Math.min(Number(r.last_login_days), 60) / 10,
        (satisfaction - 3) / 1,
        (monthlyFee - 40) / 20,
        r.payment_method === 'Electronic check' ? 1 : 0,
      ];
    };
    const x = rows.map(features);
    const y = rows.map((r) => (r.churned === 'Yes' ? 1 : 0));
    const w = new Array<number>(9).fill(0);
    for (let epoch = 0; epoch < 300; epoch++) {
      const gradient = new Array<number>(9).fill(0);
      x.forEach((xi, i) => {
        const p = 1 / (1 + Math.exp(-xi.reduce((s, v, j) => s + v * (w[j] as number), 0)));
        xi.forEach((v, j) => (gradient[j] = (gradient[j] as number) + (p - (y[i] as number)) * v));
      });
      gradient.forEach((g, j) => (w[j] = (w[j] as number) - (0.5 * g) / x.length));
    }

    const heldOut = readRows(generateChurnCsv({ seed: 1234 })).rows;
    const scores = heldOut.map((r) => features(r).reduce((s, v, j) => s + v * (w[j] as number), 0));
    const labels = heldOut.map((r) => r.churned === 'Yes');
    const auc = rocAuc(scores, labels);
    // About 0.86 today; the latent engagement term keeps it well below 1.
    expect(auc).toBeGreaterThan(0.75);
    expect(auc).toBeLessThan(0.95);
  });
});

describe('drift in the next-month batch', () => {
  it('raises fees by about 12%', () => {
    const avgFee = (rows: Row[]): number => mean(rows.filter((r) => r.monthly_fee !== '9999').map(fee));
    const ratio = avgFee(nextMonth.rows) / avgFee(training.rows);
    expect(ratio).toBeGreaterThan(1.08);
    expect(ratio).toBeLessThan(1.3);
  });

  it('has more month-to-month contracts', () => {
    const m2m = (rows: Row[]): number => share(rows, (r) => r.contract === 'Month-to-month');
    expect(m2m(nextMonth.rows) - m2m(training.rows)).toBeGreaterThan(0.1);
  });

  it('brings a region the training batch never had', () => {
    const regions = (rows: Row[]): Set<string> => new Set(rows.map((r) => fold(r.region ?? '')));
    const trainingRegions = regions(training.rows);
    const newRegions = [...regions(nextMonth.rows)].filter((r) => !trainingRegions.has(r));
    expect(newRegions).toEqual(['toronto']);
    expect(share(nextMonth.rows, (r) => fold(r.region ?? '') === 'toronto')).toBeGreaterThan(0.05);
  });

  it('churns more', () => {
    expect(churnRate(nextMonth.rows) - churnRate(training.rows)).toBeGreaterThan(0.05);
  });
});

describe('SAMPLE_PROJECT', () => {
  it('names the project, its datasets and a target that exists with its positive class', () => {
    expect(SAMPLE_PROJECT.name).toBe('Sample: subscription churn');
    expect(SAMPLE_PROJECT.target).toBe('churned');
    expect(SAMPLE_PROJECT.positiveClass).toBe('Yes');
    expect(training.header).toContain(SAMPLE_PROJECT.target);
    expect(training.header).toContain(SAMPLE_PROJECT.idColumn);
    expect(training.rows.some((r) => r[SAMPLE_PROJECT.target] === SAMPLE_PROJECT.positiveClass)).toBe(true);
    const { training: first, nextMonth: second } = SAMPLE_PROJECT.datasets;
    expect(first.name).not.toBe(second.name);
    expect(generateChurnCsv({ rows: first.rows, seed: first.seed })).toBe(trainingText);
    expect(generateChurnNextMonthCsv({ rows: second.rows, seed: second.seed })).toBe(nextMonthText);
  });
});

/** Mann–Whitney form of ROC AUC, with ties counted as half. */
function rocAuc(scores: number[], labels: boolean[]): number {
  let positives = 0;
  let wins = 0;
  const order = scores.map((s, i) => ({ s, y: labels[i] })).sort((a, b) => a.s - b.s);
  let negativesBelow = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    let tiedPositives = 0;
    let tiedNegatives = 0;
    while (j < order.length && order[j]?.s === order[i]?.s) {
      if (order[j]?.y) tiedPositives++;
      else tiedNegatives++;
      j++;
    }
    wins += tiedPositives * (negativesBelow + tiedNegatives / 2);
    positives += tiedPositives;
    negativesBelow += tiedNegatives;
    i = j;
  }
  return wins / (positives * negativesBelow);
}
