import type { ProjectSnapshot } from './project-snapshot.ts';

/**
 * Gives every record of a snapshot a fresh id, so that importing the same file twice yields two independent
 * projects. References follow their records: any string, at any depth of any record, that equals an old id
 * is replaced by the new one. That covers the typed references (projectId, datasetId, runId, bundleId,
 * requestId) and the ones inside open payloads (a bundle's lineage, a deployment's state, a timeline event's
 * data) without listing them. Ids are random UUIDs, so a user value that equals one is not a concern. Chunk
 * cells are user data and are never touched; only a chunk's datasetId is.
 *
 * @example
 * const copy = remapIds(snapshot, () => crypto.randomUUID());
 * copy.datasets[0].projectId === copy.project.id; // true
 */
export function remapIds(snapshot: ProjectSnapshot, newId: () => string): ProjectSnapshot {
  const ids = new Map<string, string>();
  const assign = (id: string) => {
    if (!ids.has(id)) ids.set(id, newId());
  };
  assign(snapshot.project.id);
  for (const list of [
    snapshot.datasets,
    snapshot.problems,
    snapshot.recipes,
    snapshot.runs,
    snapshot.bundles,
    snapshot.deployments,
    snapshot.predictions,
    snapshot.labels,
    snapshot.alerts,
    snapshot.timeline,
  ]) {
    for (const record of list) assign(record.id);
  }

  const remap = <T>(value: T): T => remapValue(value, ids) as T;
  return {
    project: remap(snapshot.project),
    datasets: snapshot.datasets.map(remap),
    chunks: snapshot.chunks.map((chunk) => ({
      ...chunk,
      datasetId: ids.get(chunk.datasetId) ?? chunk.datasetId,
    })),
    problems: snapshot.problems.map(remap),
    recipes: snapshot.recipes.map(remap),
    runs: snapshot.runs.map(remap),
    bundles: snapshot.bundles.map(remap),
    aliases: snapshot.aliases.map(remap),
    deployments: snapshot.deployments.map(remap),
    predictions: snapshot.predictions.map(remap),
    labels: snapshot.labels.map(remap),
    alerts: snapshot.alerts.map(remap),
    timeline: snapshot.timeline.map(remap),
  };
}

function remapValue(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => remapValue(item, ids));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, remapValue(item, ids)]));
  }
  return value;
}
