/**
 * A project's deployment (LIFECYCLE §6): the strategy it serves requests by, stored as one record keyed
 * by the project id, and the prediction log of every model run on every request. A deployment change
 * (start a shadow or canary, a canary step, a promotion, a blue-green switch, a rollback) writes the new
 * plan, its alias moves and its timeline entries in one transaction: a tab that dies half-way leaves the
 * old state whole.
 */
import type { IDBPDatabase } from 'idb';
import type { DeploymentChange, DeploymentPlan } from '../core/deploy/deployment-plan.ts';
import { RECORD_SCHEMA_VERSION, type Id, type PredictionRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { ALIAS_STORES, writeAliasMove } from './registry.ts';
import { restoreDeployment, restorePrediction } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { queueWrite, runRead, runWrite } from './transact.ts';

/** The project's current plan; a project that never deployed serves with its champion alone. */
export async function getDeploymentPlan(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<DeploymentPlan> {
  const raw = await runRead(() => db.get('deployments', projectId));
  if (!raw) return { strategy: { kind: 'single' } };
  return restoreDeployment(raw).state as unknown as DeploymentPlan;
}

/**
 * Applies a deployment change (from `planChange`) atomically: every alias move with its 'alias-moved'
 * event, the plan, then the change's own timeline event.
 *
 * @param faults For fault-injection tests only: `afterFirstWrite` runs once the first record of the change
 *   is queued, where a dying tab would stop; throwing there must leave the old plan and aliases.
 */
export async function applyDeploymentChange(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  change: DeploymentChange,
  faults: { afterFirstWrite?: () => void } = {},
): Promise<DeploymentPlan> {
  const at = Date.now();
  await runWrite(db, ALIAS_STORES, async (tx) => {
    let first = true;
    const wrote = () => {
      if (first) faults.afterFirstWrite?.();
      first = false;
    };
    for (const move of change.aliasMoves) {
      await writeAliasMove(tx, projectId, move.alias, move.to, change.event.kind, at, {
        afterAliasWrite: wrote,
      });
    }
    const deployments = tx.objectStore('deployments');
    const existing = await deployments.get(projectId);
    queueWrite(
      deployments.put({
        schemaVersion: RECORD_SCHEMA_VERSION,
        id: projectId,
        projectId,
        createdAt: existing?.createdAt ?? at,
        strategy: change.plan.strategy.kind,
        state: { ...change.plan } as unknown as Record<string, unknown>,
      }),
    );
    wrote();
    await addTimelineEvent(
      tx.objectStore('timeline'),
      newTimelineEvent(projectId, change.event.kind, change.event.message, change.event.data, at),
    );
  });
  announceChange({ store: 'deployments', projectId });
  if (change.aliasMoves.length) announceChange({ store: 'aliases', projectId });
  return change.plan;
}

/** Appends prediction-log entries, in one transaction. */
export async function addPredictions(
  db: IDBPDatabase<LooplabDB>,
  records: readonly PredictionRecord[],
): Promise<void> {
  if (!records.length) return;
  await runWrite(db, ['predictions'], async (tx) => {
    const store = tx.objectStore('predictions');
    for (const record of records) queueWrite(store.put(record));
  });
}

/** The project's prediction log, oldest first (up to `limit` of the newest when given). */
export async function listPredictions(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  limit?: number,
): Promise<PredictionRecord[]> {
  if (limit !== undefined) {
    // The newest `limit` entries, read backwards from the time index: the Deploy tab asks for 20 of a log
    // that may hold 100,000, and loading them all for that was the soak bench's slowest step.
    const range = IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]);
    const newest = await runRead(async () => {
      const out: PredictionRecord[] = [];
      let cursor = await db
        .transaction('predictions')
        .store.index('by-project-time')
        .openCursor(range, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    });
    // The index orders equal times by key (the id), so reversed this is the same (createdAt, id) order.
    return newest.reverse().map(restorePrediction);
  }
  return (await runRead(() => db.getAllFromIndex('predictions', 'by-project', projectId)))
    .map(restorePrediction)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
