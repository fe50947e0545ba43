// Segments and fairness on the real UCI Adult data (../shared/data/real/adult.data), checked against a
// deliberately naive computation written here: loops that count rows. The "model" needs no training:
// P(>50K) = 0.8 with a bachelor's degree or more (education-num ≥ 13), else 0.2. Skipped where the data is
// not present (it does not travel with the repository).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelOutput } from '../../../src/core/models/model-output.ts';
import { fairnessReport, segmentMetrics } from '../../../src/core/evaluate/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ADULT = resolve(here, '../../../../shared/data/real/adult.data');
const present = existsSync(ADULT);

interface Row {
  educationNum: number;
  race: string;
  sex: string;
  positive: 0 | 1;
}

function readAdult(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(ADULT, 'utf8').split('\n')) {
    const f = line.split(', ');
    if (f.length !== 15) continue; // the blank line at the end
    rows.push({ educationNum: Number(f[4]), race: f[8]!, sex: f[9]!, positive: f[14] === '>50K' ? 1 : 0 });
  }
  return rows;
}

const score = (r: Row) => (r.educationNum >= 13 ? 0.8 : 0.2);

/** Naive per-group counts: rows, actual positives, predicted positives, hits, and the 2-level score split. */
function countByGroup(rows: Row[], key: (r: Row) => string) {
  const groups = new Map<
    string,
    { rows: number; pos: number; sel: number; tp: number; posHi: number; negHi: number }
  >();
  for (const r of rows) {
    const g = groups.get(key(r)) ?? { rows: 0, pos: 0, sel: 0, tp: 0, posHi: 0, negHi: 0 };
    const hi = score(r) >= 0.5;
    g.rows += 1;
    if (r.positive === 1) g.pos += 1;
    if (hi) g.sel += 1;
    if (hi && r.positive === 1) g.tp += 1;
    if (hi && r.positive === 1) g.posHi += 1;
    if (hi && r.positive === 0) g.negHi += 1;
    groups.set(key(r), g);
  }
  return groups;
}

describe.skipIf(!present)('evaluation on the real Adult data', () => {
  const rows = present ? readAdult() : [];
  const yTrue = rows.map((r) => r.positive);
  const output: ModelOutput = {
    kind: 'proba',
    classes: 2,
    values: Float64Array.from(rows.flatMap((r) => [1 - score(r), score(r)])),
  };

  it('reads all 32,561 rows', () => {
    expect(rows).toHaveLength(32561);
  });

  for (const column of ['sex', 'race'] as const) {
    it(`segments by ${column} agree with naive counts (accuracy and ROC AUC)`, () => {
      const cells = rows.map((r) => r[column]);
      const naive = countByGroup(rows, (r) => r[column]);
      const all = countByGroup(rows, () => 'all').get('all')!;
      const naiveAccuracy = (g: typeof all) => (g.tp + (g.rows - g.pos - (g.sel - g.tp))) / g.rows;
      // Two score levels: a positive beats a negative when it is high and the negative low; high–high and
      // low–low pairs are ties worth ½.
      const naiveAuc = (g: typeof all) => {
        const neg = g.rows - g.pos;
        const posLo = g.pos - g.posHi;
        const negLo = neg - g.negHi;
        return (g.posHi * negLo + 0.5 * (g.posHi * g.negHi + posLo * negLo)) / (g.pos * neg);
      };

      const accuracy = segmentMetrics({
        task: 'binary',
        yTrue,
        output,
        column: { name: column, cells, kind: 'categorical' },
        metric: 'accuracy',
      });
      expect(accuracy.overall).toBeCloseTo(naiveAccuracy(all), 12);
      expect(accuracy.segments.map((s) => s.label)).toEqual([...naive.keys()].sort());
      const tol = Math.max(0.05, 0.1 * accuracy.overall);
      for (const s of accuracy.segments) {
        const g = naive.get(s.label)!;
        expect(s.rows).toBe(g.rows);
        expect(s.value).toBeCloseTo(naiveAccuracy(g), 12);
        expect(s.flagged).toBe(g.rows >= 30 && naiveAccuracy(g) < accuracy.overall - tol);
      }

      const auc = segmentMetrics({
        task: 'binary',
        yTrue,
        output,
        column: { name: column, cells, kind: 'categorical' },
        metric: 'roc_auc',
      });
      expect(auc.overall).toBeCloseTo(naiveAuc(all), 12);
      for (const s of auc.segments) expect(s.value).toBeCloseTo(naiveAuc(naive.get(s.label)!), 12);
    });

    it(`fairness by ${column} agrees with naive counts`, () => {
      const report = fairnessReport({
        yTrue,
        output,
        column: { name: column, cells: rows.map((r) => r[column]) },
      });
      const naive = countByGroup(rows, (r) => r[column]);
      let minSel = Infinity;
      let maxSel = -Infinity;
      let minTpr = Infinity;
      let maxTpr = -Infinity;
      for (const [name, g] of naive) {
        const group = report.groups.find((x) => x.group === name)!;
        expect(group.rows).toBe(g.rows);
        expect(group.selectionRate).toBeCloseTo(g.sel / g.rows, 14);
        expect(group.truePositiveRate).toBeCloseTo(g.tp / g.pos, 14);
        expect(group.baseRate).toBeCloseTo(g.pos / g.rows, 14);
        expect(group.included).toBe(g.rows >= 30);
        if (g.rows < 30) continue;
        minSel = Math.min(minSel, g.sel / g.rows);
        maxSel = Math.max(maxSel, g.sel / g.rows);
        minTpr = Math.min(minTpr, g.tp / g.pos);
        maxTpr = Math.max(maxTpr, g.tp / g.pos);
      }
      expect(report.groups).toHaveLength(naive.size);
      expect(report.disparateImpact).toBeCloseTo(minSel / maxSel, 14);
      expect(report.demographicParityDifference).toBeCloseTo(maxSel - minSel, 14);
      expect(report.equalOpportunityDifference).toBeCloseTo(maxTpr - minTpr, 14);
      expect(report.flags.map((f) => f.measure)).toEqual(
        [
          minSel / maxSel < 0.8 && 'disparateImpact',
          maxSel - minSel > 0.1 && 'demographicParityDifference',
          maxTpr - minTpr > 0.1 && 'equalOpportunityDifference',
        ].filter(Boolean),
      );
    });
  }
});
