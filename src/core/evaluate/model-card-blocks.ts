import { describeMetric, type MetricName } from '../problem/index.ts';
import type { CardBlock } from './card-blocks.ts';
import { formatNumber } from './format-number.ts';
import { metricLabel } from './metric-label.ts';
import type { ModelCardData } from './model-card-data.ts';

const f = (x: number) => formatNumber(x);
const table = (header: string[], rows: string[][]): CardBlock => ({ kind: 'table', header, rows });
const heading = (level: 1 | 2 | 3, text: string): CardBlock => ({ kind: 'heading', level, text });
const paragraph = (text: string): CardBlock => ({ kind: 'paragraph', text });
/** A two-column "field | value" table: reads well in both Markdown and print. */
const fields = (rows: [string, string][]): CardBlock => table(['Field', 'Value'], rows);

/**
 * The model card as blocks: problem, data, model, metrics, segments, fairness, stability, edge-case probes
 * and limitations, in that order (Mitchell et al., "Model Cards for Model Reporting", trimmed to what
 * Looplab records).
 */
export function modelCardBlocks(card: ModelCardData): CardBlock[] {
  const { problem, data, model } = card;
  const blocks: CardBlock[] = [
    heading(1, `Model card: ${model.family} predicting ${problem.target}`),
    paragraph(`Generated ${card.generatedAt}.`),
    heading(2, 'Problem'),
    fields([
      ['Target', problem.target],
      ['Task', problem.task],
      ['Success metric', successMetric(card)],
      ...(problem.positiveClass !== undefined
        ? [['Positive class', problem.positiveClass] as [string, string]]
        : []),
      ['Usage', problem.usage],
      ['Cost of a wrong prediction', problem.costNote],
    ]),
    heading(2, 'Data'),
    fields([
      ['Dataset', data.datasetName],
      ['SHA-256', data.sha256],
      [
        'Rows',
        Object.entries(data.rows)
          .map(([set, n]) => `${set} ${n}`)
          .join(', '),
      ],
      ['Recipe', `version ${data.recipe.version} (${data.recipe.hash})`],
      ['Pipeline', `version ${data.pipelineVersion}`],
      ['Split', `${data.split.method}, seed ${data.split.seed}`],
    ]),
    heading(2, 'Model'),
    fields([
      ['Family', model.family],
      ['Seed', String(model.seed)],
      ['Backend', model.backend],
      ['Code commit', model.commit],
    ]),
    heading(3, 'Parameters'),
    table(
      ['Parameter', 'Value'],
      Object.entries(model.params).map(([name, value]) => [name, JSON.stringify(value) ?? String(value)]),
    ),
    ...metricsBlocks(card),
    ...segmentBlocks(card),
    ...fairnessBlocks(card),
    ...stabilityBlocks(card),
    ...probeBlocks(card),
    heading(2, 'Limitations'),
    card.limitations.length > 0 ? { kind: 'list', items: card.limitations } : paragraph('None recorded.'),
  ];
  return blocks;
}

function successMetric({ problem }: ModelCardData): string {
  if (problem.bar === undefined) return metricLabel(problem.metric);
  const known = describeMetric(problem.task, { name: problem.metric as MetricName, target: problem.bar });
  // describeMetric falls back to the raw key for a metric the card does not offer; spell it out instead.
  return known.startsWith(`${problem.metric} `)
    ? `${metricLabel(problem.metric)} ${problem.higherIsBetter ? '≥' : '≤'} ${f(problem.bar)}`
    : known;
}

function metricsBlocks({ metrics }: ModelCardData): CardBlock[] {
  const names = [...new Set([...Object.keys(metrics.validation), ...Object.keys(metrics.test ?? {})])];
  const header = metrics.test ? ['Metric', 'Validation', 'Test'] : ['Metric', 'Validation'];
  const cell = (x: number | undefined) => (x === undefined ? '' : f(x));
  const rows = names.map((m) => {
    const row = [metricLabel(m), cell(metrics.validation[m])];
    if (metrics.test) row.push(cell(metrics.test[m]));
    return row;
  });
  return [heading(2, 'Metrics'), table(header, rows)];
}

function segmentBlocks({ segments }: ModelCardData): CardBlock[] {
  const blocks: CardBlock[] = [heading(2, 'Segments')];
  if (segments.length === 0) blocks.push(paragraph('No segments evaluated.'));
  for (const report of segments) {
    const label = metricLabel(report.metric);
    blocks.push(
      heading(3, `By ${report.column}`),
      paragraph(
        `${label} overall ${f(report.overall)}. A segment of at least ${report.minRows} rows is flagged when ` +
          `it is ${report.higherIsBetter ? 'below' : 'above'} overall by more than ${f(report.tolerance)}.`,
      ),
      table(
        ['Segment', 'Rows', label, 'Gap', 'Flag'],
        report.segments.map((s) => [
          s.from ? `${s.label} (from ${s.from.map((raw) => `“${raw}”`).join(', ')})` : s.label,
          String(s.rows),
          f(s.value),
          f(s.gap),
          s.flagged ? 'well below overall' : (s.reason ?? ''),
        ]),
      ),
    );
  }
  return blocks;
}

function fairnessBlocks({ fairness }: ModelCardData): CardBlock[] {
  if (!fairness) return [];
  const pct = (x: number) => (Number.isNaN(x) ? 'NaN' : `${formatNumber(x * 100, 3)}%`);
  return [
    heading(2, `Fairness by ${fairness.column}`),
    paragraph(
      `Positive prediction at P ≥ ${f(fairness.threshold)}; groups under ${fairness.minRows} rows are not compared.`,
    ),
    table(
      ['Group', 'Rows', 'Selection rate', 'True positive rate', 'Base rate', 'Compared'],
      fairness.groups.map((g) => [
        g.group,
        String(g.rows),
        pct(g.selectionRate),
        pct(g.truePositiveRate),
        pct(g.baseRate),
        g.included ? 'yes' : 'no',
      ]),
    ),
    table(
      ['Measure', 'Value', 'Flagged when'],
      [
        ['Disparate impact', f(fairness.disparateImpact), '< 0.8'],
        ['Demographic parity difference', f(fairness.demographicParityDifference), '> 0.1'],
        ['Equal opportunity difference', f(fairness.equalOpportunityDifference), '> 0.1'],
      ],
    ),
    fairness.flags.length > 0
      ? { kind: 'list', items: fairness.flags.map((flag) => flag.message) }
      : paragraph('No fairness measure is flagged.'),
    ...fairness.notes.map(paragraph),
  ];
}

function stabilityBlocks({ stability }: ModelCardData): CardBlock[] {
  if (!stability) return [];
  return [
    heading(2, 'Stability across seeds'),
    table(
      ['Metric', 'Mean ± std', 'Min', 'Max', 'Seeds'],
      Object.entries(stability).map(([m, s]) => [
        metricLabel(m),
        `${f(s.mean)} ± ${f(s.std)}`,
        f(s.min),
        f(s.max),
        String(s.n),
      ]),
    ),
  ];
}

function probeBlocks({ probes }: ModelCardData): CardBlock[] {
  const passed = probes.filter((p) => p.ok).length;
  return [
    heading(2, 'Edge-case probes'),
    paragraph(`${passed} of ${probes.length} probes gave a valid prediction or a clear error.`),
    table(
      ['Probe', 'Column', 'Result', 'Detail'],
      probes.map((p) => [p.probe, p.column, p.ok ? 'ok' : 'FAILED', p.detail]),
    ),
  ];
}
