/**
 * A read-only audit of the whole database, for the fault tests and for a user who wonders whether a crash
 * hurt their data: every record is normalised as the app reads it and checked against the same zod schemas a
 * project file is checked with, and records are checked against each other (every record's project exists,
 * each dataset has all its chunks and rows, aliases point at versions of their project and agree with the
 * last move on the timeline, a shadow or canary has both of its aliases, and no run is `running` without a
 * worker holding its lock).
 *
 * It reads in one readonly transaction, so a tab writing meanwhile cannot make it see half a write. It pulls
 * in zod, so it runs in a worker, never on the page.
 */
import type { IDBPDatabase } from 'idb';
import type { z } from '../core/zod.ts';
import { describeIssue } from '../core/project-file/describe-issue.ts';
import { STORE_SCHEMAS, projectSchema } from '../core/project-file/record-schemas.ts';
import type { Id } from '../core/records.ts';
import * as restore from './restore.ts';
import { runRead } from './transact.ts';
import { ALL_STORES, PROJECT_SCOPED_STORES, type LooplabDB } from './schema.ts';
import { compareTimeline } from './timeline.ts';

export interface IntegrityReport {
  /** Records read, every store together. */
  records: number;
  /** Records per store, for a report a person can compare before and after. */
  counts: Record<(typeof ALL_STORES)[number], number>;
  /** One sentence per problem found, naming the store and record; empty when all is well. */
  problems: string[];
}

/** At most this many problems are listed: one broken store should not bury the others in a report. */
const MAX_PROBLEMS = 50;

/**
 * Reads every store and reports what is malformed or inconsistent. Never writes.
 *
 * @param isRunHeld Whether a worker holds the run's Web Lock now (`running` is only true while one does);
 *   where locks cannot be queried, pass `() => true` to skip that check.
 * @example
 * const report = await checkStoredIntegrity(db, (id) => held.has(runLockName(id)));
 */
export async function checkStoredIntegrity(
  db: IDBPDatabase<LooplabDB>,
  isRunHeld: (runId: Id) => boolean,
): Promise<IntegrityReport> {
  const stored = await runRead(async () => {
    const tx = db.transaction(ALL_STORES, 'readonly');
    const lists = await Promise.all(ALL_STORES.map((store) => tx.objectStore(store).getAll()));
    return Object.fromEntries(ALL_STORES.map((store, i) => [store, lists[i]!])) as {
      [S in (typeof ALL_STORES)[number]]: LooplabDB[S]['value'][];
    };
  });
  const problems: string[] = [];
  const report = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  const check = (store: string, label: string, schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    if (!result.success) report(`${store} ${label}: ${describeIssue(result.error.issues[0]!, value)}.`);
  };

  const projects = stored.projects.map(restore.restoreProject);
  projects.forEach((p) => check('projects', `'${p.id}'`, projectSchema, p));
  const projectIds = new Set(projects.map((p) => p.id));

  const records = {
    datasets: stored.datasets.map(restore.restoreDataset),
    problems: stored.problems.map(restore.restoreProblem),
    recipes: stored.recipes.map(restore.restoreRecipe),
    runs: stored.runs.map(restore.restoreRun),
    bundles: stored.bundles.map(restore.restoreBundle),
    aliases: stored.aliases.map(restore.restoreAlias),
    deployments: stored.deployments.map(restore.restoreDeployment),
    predictions: stored.predictions.map(restore.restorePrediction),
    labels: stored.labels.map(restore.restoreLabel),
    alerts: stored.alerts.map(restore.restoreAlert),
    timeline: stored.timeline.map(restore.restoreTimeline),
  };
  for (const store of PROJECT_SCOPED_STORES) {
    for (const record of records[store]) {
      const label = 'id' in record ? `'${record.id}'` : `'${record.projectId}/${record.alias}'`;
      check(store, label, STORE_SCHEMAS[store], record);
      if (!projectIds.has(record.projectId))
        report(`${store} ${label}: its project '${record.projectId}' is not stored.`);
    }
  }

  checkChunks(stored.chunks.map(restore.restoreChunk), records.datasets, report);
  checkAliases(records, report);
  for (const run of records.runs) {
    if (run.status === 'running' && !isRunHeld(run.id))
      report(`runs '${run.id}': is 'running', but no worker holds its lock (it should be 'interrupted').`);
  }

  const counts = Object.fromEntries(
    ALL_STORES.map((s) => [s, stored[s].length]),
  ) as IntegrityReport['counts'];
  return { records: Object.values(counts).reduce((a, b) => a + b, 0), counts, problems };
}

function checkChunks(
  chunks: ReturnType<typeof restore.restoreChunk>[],
  datasets: ReturnType<typeof restore.restoreDataset>[],
  report: (text: string) => void,
): void {
  const byDataset = new Map(datasets.map((d) => [d.id, { chunks: 0, rows: 0 }]));
  for (const chunk of chunks) {
    const label = `'${chunk.datasetId}/${chunk.index}'`;
    const result = STORE_SCHEMAS.chunks.safeParse(chunk);
    if (!result.success) report(`chunks ${label}: ${describeIssue(result.error.issues[0]!, chunk)}.`);
    const held = byDataset.get(chunk.datasetId);
    if (!held) {
      report(`chunks ${label}: its dataset is not stored.`);
      continue;
    }
    held.chunks++;
    held.rows += chunk.columns[0]?.length ?? 0;
  }
  for (const dataset of datasets) {
    const held = byDataset.get(dataset.id)!;
    if (held.chunks !== dataset.chunkCount || held.rows !== dataset.rowCount)
      report(
        `datasets '${dataset.id}': ${held.chunks} of ${dataset.chunkCount} chunks and ${held.rows} of ` +
          `${dataset.rowCount} rows are stored.`,
      );
  }
}

/** Aliases point at versions of their own project, agree with their last timeline move, and fit the plan. */
function checkAliases(
  records: {
    bundles: ReturnType<typeof restore.restoreBundle>[];
    aliases: ReturnType<typeof restore.restoreAlias>[];
    deployments: ReturnType<typeof restore.restoreDeployment>[];
    timeline: ReturnType<typeof restore.restoreTimeline>[];
  },
  report: (text: string) => void,
): void {
  const bundles = new Map(records.bundles.map((b) => [b.id, b]));
  // The last 'alias-moved' event per project and alias, in the order listTimeline gives.
  const events = [...records.timeline]
    .filter((e) => e.kind === 'alias-moved' && typeof e.data?.alias === 'string')
    .sort(compareTimeline);
  const lastMove = new Map<string, unknown>();
  for (const event of events) lastMove.set(`${event.projectId}/${String(event.data!.alias)}`, event.data!.to);

  const current = new Map<string, Id>();
  for (const alias of records.aliases) {
    const key = `${alias.projectId}/${alias.alias}`;
    current.set(key, alias.bundleId);
    const bundle = bundles.get(alias.bundleId);
    if (!bundle || bundle.projectId !== alias.projectId)
      report(`aliases '${key}': points at '${alias.bundleId}', which is not a version of its project.`);
  }
  for (const key of new Set([...current.keys(), ...lastMove.keys()])) {
    const now = current.get(key) ?? null;
    const logged = lastMove.has(key) ? lastMove.get(key) : null;
    if (now !== logged)
      report(
        `aliases '${key}': points at '${now ?? 'none'}', but its last move on the timeline went to '${String(logged ?? 'none')}'.`,
      );
  }
  for (const deployment of records.deployments) {
    const champion = current.get(`${deployment.projectId}/champion`);
    const challenger = current.get(`${deployment.projectId}/challenger`);
    if (deployment.strategy === 'single') continue;
    // A shadow or canary serves two different versions; blue-green needs at least its live champion.
    const served =
      deployment.strategy === 'shadow' || deployment.strategy === 'canary'
        ? champion !== undefined && challenger !== undefined && champion !== challenger
        : champion !== undefined;
    if (!served)
      report(
        `deployments '${deployment.id}': a ${deployment.strategy} deployment without the aliases it serves.`,
      );
  }
}
