import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  modelCardHtml,
  modelCardMarkdown,
  type ModelCardData,
} from '../../../src/core/evaluate/index.ts';

function card(overrides: Partial<ModelCardData> = {}): ModelCardData {
  return {
    problem: {
      target: 'income',
      task: 'binary',
      metric: 'roc_auc',
      higherIsBetter: true,
      bar: 0.85,
      positiveClass: '>50K',
      usage: 'batch',
      costNote: 'A missed high earner costs one mailing | maybe two.',
    },
    data: {
      datasetName: 'adult.data',
      sha256: 'ab'.repeat(32),
      rows: { train: 22792, validation: 4884, test: 4885 },
      recipe: { version: 3, hash: 'r3c1' },
      pipelineVersion: 2,
      split: { method: 'stratified', seed: 42 },
    },
    model: {
      family: 'logistic',
      params: { l2: 0.001, epochs: 30 },
      seed: 7,
      backend: 'wasm',
      commit: 'abc1234',
    },
    metrics: { validation: { roc_auc: 0.9012, log_loss: 0.33 }, test: { roc_auc: 0.8987, log_loss: 0.34 } },
    segments: [
      {
        column: '<script>alert(1)</script>',
        metric: 'roc_auc',
        higherIsBetter: true,
        overall: 0.9,
        tolerance: 0.09,
        minRows: 30,
        segments: [
          { label: 'a|b', rows: 100, metrics: {}, value: 0.7, gap: -0.2, flagged: true },
          {
            label: 'c',
            rows: 10,
            metrics: {},
            value: 0.95,
            gap: 0.05,
            flagged: false,
            reason: 'too few rows to judge (10 < 30)',
          },
        ],
      },
    ],
    probes: [{ probe: 'missing', column: 'age', ok: true, detail: 'P = [0.3, 0.7]' }],
    limitations: ['Trained on 1994 census data.', 'Line one\nline two'],
    generatedAt: '2025-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/** The cells of a GFM table row: split on pipes that are not escaped. */
function cells(line: string): string[] {
  return line.slice(1, -1).split(/(?<!\\)\|/);
}

describe('modelCardMarkdown', () => {
  const md = modelCardMarkdown(card());

  it('covers problem, data, model, metrics, segments, probes and limitations', () => {
    for (const heading of [
      '# Model card: logistic predicting income',
      '## Problem',
      '## Data',
      '## Model',
      '## Metrics',
      '## Segments',
      '## Edge-case probes',
      '## Limitations',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('| Success metric | ROC AUC ≥ 0.85 |');
    expect(md).toContain('| Rows | train 22792, validation 4884, test 4885 |');
    expect(md).toContain('| ROC AUC | 0.9012 | 0.8987 |');
    expect(md).toContain('1 of 1 probes gave a valid prediction or a clear error.');
    expect(md).not.toContain('## Fairness');
  });

  it('writes valid GFM tables: every row has as many cells as the header, pipes escaped', () => {
    const lines = md.split('\n');
    let checked = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\|( --- \|)+$/.test(lines[i]!)) continue;
      const width = cells(lines[i - 1]!).length;
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) {
        expect(cells(lines[j]!), lines[j]).toHaveLength(width);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(md).toContain('| a\\|b | 100 | 0.7 | -0.2 | well below overall |');
    expect(md).toContain('one mailing \\| maybe two.');
  });

  it('escapes markup in user text and keeps each item on one line', () => {
    expect(md).toContain('### By \\<script\\>alert(1)\\</script\\>');
    expect(md).not.toContain('<script>');
    expect(md).toContain('- Line one line two');
    expect(escapeMarkdown('*a* _b_ `c` [d](e)')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e)');
  });

  it('adds fairness and stability sections when given', () => {
    const withMore = modelCardMarkdown(
      card({
        stability: { roc_auc: { mean: 0.9, std: 0.01, min: 0.89, max: 0.91, n: 3 } },
        fairness: {
          column: 'sex',
          threshold: 0.5,
          minRows: 30,
          groups: [
            {
              group: 'F',
              rows: 40,
              selectionRate: 0.1,
              truePositiveRate: 0.5,
              baseRate: 0.2,
              included: true,
            },
            {
              group: 'M',
              rows: 60,
              selectionRate: 0.3,
              truePositiveRate: 0.7,
              baseRate: 0.3,
              included: true,
            },
          ],
          disparateImpact: 1 / 3,
          demographicParityDifference: 0.2,
          equalOpportunityDifference: 0.2,
          flags: [
            {
              measure: 'disparateImpact',
              value: 1 / 3,
              limit: 0.8,
              message: 'Disparate impact 0.333 < 0.8: F against M.',
            },
          ],
          notes: [],
        },
      }),
    );
    expect(withMore).toContain('## Fairness by sex');
    expect(withMore).toContain('| F | 40 | 10% | 50% | 20% | yes |');
    expect(withMore).toContain('| Disparate impact | 0.3333 | \\< 0.8 |');
    expect(withMore).toContain('- Disparate impact 0.333 \\< 0.8: F against M.');
    expect(withMore).toContain('## Stability across seeds');
    expect(withMore).toContain('| ROC AUC | 0.9 ± 0.01 | 0.89 | 0.91 | 3 |');
  });
});

describe('modelCardHtml', () => {
  const html = modelCardHtml(card());

  it('is one complete, self-contained page: inline style, no scripts, no external resources', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|src=|href=|@import|url\(/i);
    expect(html).toContain('<title>Model card: logistic predicting income</title>');
  });

  it('HTML-escapes every user-provided string', () => {
    expect(html).toContain('<h3>By &lt;script&gt;alert(1)&lt;/script&gt;</h3>');
    expect(html).toContain('<td>&gt;50K</td>');
    const evil = modelCardHtml(card({ limitations: ['"quoted" & \'single\' <b>bold</b>'] }));
    expect(evil).toContain('<li>&quot;quoted&quot; &amp; &#39;single&#39; &lt;b&gt;bold&lt;/b&gt;</li>');
  });

  it('renders tables with a header row and one row per entry', () => {
    expect(html).toContain(
      '<thead><tr><th>Segment</th><th>Rows</th><th>ROC AUC</th><th>Gap</th><th>Flag</th></tr></thead>',
    );
    expect(html).toContain(
      '<tr><td>a|b</td><td>100</td><td>0.7</td><td>-0.2</td><td>well below overall</td></tr>',
    );
  });
});
