import type { TaskType } from '../problem/problem-card.ts';
import type { FairnessReport } from './fairness.ts';
import type { ProbeReport } from './probes.ts';
import type { SegmentReport } from './segments.ts';
import type { SeedSummary } from './stability.ts';

/**
 * Everything a model card shows (LIFECYCLE §5), gathered from the problem card, the dataset and run records
 * and the evaluation reports. Plain data, so the card can be rendered again later from stored records.
 */
export interface ModelCardData {
  problem: {
    target: string;
    task: TaskType;
    /** Metric key, e.g. 'roc_auc'. */
    metric: string;
    higherIsBetter: boolean;
    /** The success bar from the problem card. */
    bar?: number;
    positiveClass?: string;
    usage: 'real-time' | 'batch';
    /** What a wrong prediction costs, in the user's words. */
    costNote: string;
  };
  data: {
    datasetName: string;
    sha256: string;
    /** Rows per set, in the order to show: { train: 22792, validation: 4884, test: 4885 }. */
    rows: Record<string, number>;
    recipe: { version: string | number; hash: string };
    pipelineVersion: string | number;
    split: { method: string; seed: number };
  };
  model: {
    family: string;
    params: Record<string, unknown>;
    seed: number;
    /** Where it trained: 'webgpu', 'wasm', 'cpu', … */
    backend: string;
    /** The code version that trained it. */
    commit: string;
  };
  metrics: { validation: Record<string, number>; test?: Record<string, number> };
  segments: SegmentReport[];
  fairness?: FairnessReport;
  stability?: Record<string, SeedSummary>;
  probes: ProbeReport[];
  limitations: string[];
  /** ISO 8601 time the card was generated; passed in so the same records give the same card. */
  generatedAt: string;
}
