import { describe, expect, it } from 'vitest';
import type { ModelOutput } from '../../../src/core/models/model-output.ts';
import { checkProbeOutput, edgeCaseProbes, probeErrorReport } from '../../../src/core/evaluate/index.ts';

describe('edgeCaseProbes', () => {
  const baseRow = { age: '38', job: 'clerk', note: 'hello', when: '2024-01-02' };
  const probes = edgeCaseProbes({
    columns: [
      { name: 'age', kind: 'numeric', train: { min: 17, max: 90, mean: 38.6, sd: 13.6 } },
      { name: 'job', kind: 'categorical', train: { values: ['clerk', 'nurse'] } },
      { name: 'note', kind: 'text', train: {} },
      { name: 'when', kind: 'date', train: {} },
    ],
    baseRow,
  });

  it('changes one cell per probe, from the base row', () => {
    expect(probes.map((p) => `${p.column}: ${p.probe}`)).toEqual([
      'age: missing',
      'age: whitespace',
      'age: far above range',
      'age: far below range',
      'job: missing',
      'job: whitespace',
      'job: unseen category',
      'note: missing',
      'note: whitespace',
      'when: missing',
      'when: whitespace',
      '*: all missing',
    ]);
    expect(probes[0]!.row).toEqual({ ...baseRow, age: '' });
    expect(probes[1]!.row.age).toBe('   ');
    expect(probes[6]!.row).toEqual({ ...baseRow, job: '__unseen__' });
    expect(probes[11]!.row).toEqual({ age: '', job: '', note: '', when: '' });
  });

  it('goes 10 training sds beyond the range for numbers', () => {
    // 90 + 10 · 13.6 = 226; 17 − 136 = −119.
    expect(Number(probes[2]!.row.age)).toBeCloseTo(226, 12);
    expect(Number(probes[3]!.row.age)).toBeCloseTo(-119, 12);
  });

  it('falls back to the range when there is no sd', () => {
    const [, , above, below] = edgeCaseProbes({
      columns: [{ name: 'x', kind: 'numeric', train: { min: 0, max: 5 } }],
      baseRow: { x: '1' },
    });
    expect([above!.row.x, below!.row.x]).toEqual(['55', '-50']);
  });
});

describe('checkProbeOutput', () => {
  const probes = edgeCaseProbes({
    columns: [{ name: 'job', kind: 'categorical', train: {} }],
    baseRow: { job: 'clerk' },
  }); // missing, whitespace, unseen category, all missing

  it('accepts finite probabilities in [0, 1] that sum to 1', () => {
    const output: ModelOutput = {
      kind: 'proba',
      classes: 2,
      values: Float64Array.of(0.3, 0.7, 1, 0, 0.5, 0.5, 0.25, 0.75),
    };
    const report = checkProbeOutput(probes, output);
    expect(report.every((r) => r.ok)).toBe(true);
    expect(report[0]).toEqual({ probe: 'missing', column: 'job', ok: true, detail: 'P = [0.3, 0.7]' });
  });

  it('fails NaN, Infinity, out-of-range and unnormalised rows', () => {
    const output: ModelOutput = {
      kind: 'proba',
      classes: 2,
      values: Float64Array.of(NaN, 0.5, 0.2, Infinity, 1.2, -0.2, 0.3, 0.6),
    };
    const report = checkProbeOutput(probes, output);
    expect(report.map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(report[0]!.detail).toBe('NaN for class 0: P = [NaN, 0.5]');
    expect(report[1]!.detail).toBe('Infinity for class 1: P = [0.2, Infinity]');
    expect(report[2]!.detail).toMatch(/^class 0 probability outside \[0, 1\]/);
    expect(report[3]!.detail).toMatch(/^probabilities sum to 0\.8999/);
  });

  it('accepts a sum within 1e-6 of 1', () => {
    const output: ModelOutput = {
      kind: 'proba',
      classes: 2,
      values: Float64Array.of(0.3, 0.7000005, 0.3, 0.700002, 0.5, 0.5, 0.5, 0.5),
    };
    expect(checkProbeOutput(probes, output).map((r) => r.ok)).toEqual([true, false, true, true]);
  });

  it('checks regression values for finiteness', () => {
    const output: ModelOutput = { kind: 'value', values: Float64Array.of(1.5, NaN, -Infinity, 0) };
    expect(checkProbeOutput(probes, output).map((r) => [r.ok, r.detail])).toEqual([
      [true, 'value 1.5'],
      [false, 'prediction is NaN'],
      [false, 'prediction is -Infinity'],
      [true, 'value 0'],
    ]);
  });

  it('needs one output row per probe', () => {
    expect(() => checkProbeOutput(probes, { kind: 'value', values: new Float64Array(3) })).toThrow(
      /3 rows for 4/,
    );
  });

  it('counts a clear error as an acceptable answer', () => {
    expect(probeErrorReport(probes[2]!, new Error('job: unknown category "__unseen__"'))).toEqual({
      probe: 'unseen category',
      column: 'job',
      ok: true,
      detail: 'error: job: unknown category "__unseen__"',
    });
    expect(probeErrorReport(probes[2]!, new Error('')).ok).toBe(false);
  });
});
