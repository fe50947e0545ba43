import {
  explainPrediction,
  inputIssues,
  type InputIssue,
  scoreBundle,
  type BundlePrediction,
  type ModelBundle,
  type PredictionExplanation,
} from '../src/core/bundle/index.ts';
import { workerStorage } from './worker-storage.ts';

/** Bundles kept in memory by id: a request never waits for IndexedDB once its model is loaded. */
const loaded = new Map<string, ModelBundle>();

/** Loads registered versions (the champion and the challenger) so that requests to them are served from memory. */
export async function loadVersions(bundleIds: string[]): Promise<string[]> {
  const storage = await workerStorage();
  for (const id of bundleIds) {
    if (loaded.has(id)) continue;
    const stored = await storage.getBundle(id);
    if (!stored) throw new Error(`Model version ${id} is no longer stored.`);
    loaded.set(id, stored.payload as unknown as ModelBundle);
  }
  for (const id of [...loaded.keys()]) if (!bundleIds.includes(id)) loaded.delete(id);
  return [...loaded.keys()];
}

/** A registered version, loaded on first use and then served from memory. */
export async function loadedBundle(bundleId: string): Promise<ModelBundle> {
  if (!loaded.has(bundleId)) await loadVersions([...loaded.keys(), bundleId]);
  return loaded.get(bundleId)!;
}

/** What a version's serving path makes of one request's inputs (see inputIssues). */
export async function checkInputs(bundleId: string, record: Record<string, string>): Promise<InputIssue[]> {
  return inputIssues(await loadedBundle(bundleId), record);
}

/**
 * One real-time prediction through the serving path (recipe replay, transform, model). The time spent in
 * the worker is returned so the page can tell its own overhead from the model's.
 */
export async function predictOne(
  bundleId: string,
  record: Record<string, string>,
): Promise<{
  prediction: BundlePrediction | null;
  droppedBy?: string;
  workerMs: number;
  /** Gradient-boosted models: each source column's contribution to the raw score. */
  explanation?: PredictionExplanation;
  /** Inputs the model treated as missing or unseen, and numbers outside the training range. */
  issues: InputIssue[];
}> {
  const started = performance.now();
  const bundle = await loadedBundle(bundleId);
  const scored = scoreBundle(bundle, [record]);
  const workerMs = performance.now() - started;
  if (scored.rows === 0)
    return { prediction: null, droppedBy: 'the cleaning recipe drops this row', workerMs, issues: [] };
  const explanation = explainPrediction(bundle, record);
  return {
    prediction: scored.predictions[0]!,
    workerMs,
    ...(explanation ? { explanation } : {}),
    issues: inputIssues(bundle, record),
  };
}
