/**
 * The model registry (LIFECYCLE §6): numbered, immutable model versions (bundles) per project, free tags,
 * and aliases (`champion`, `challenger`) that point at a version. Every alias move is one transaction that
 * writes the alias and its timeline event together, so the alias history (read back from the timeline) is
 * exactly the sequence of states the alias was in, and a move that dies half-way leaves the old state.
 */
import type { IDBPDatabase } from 'idb';
import { describeAliasMove } from '../core/deploy/describe-alias-move.ts';
import { RECORD_SCHEMA_VERSION, type AliasRecord, type BundleRecord, type Id } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { restoreAlias, restoreBundle } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { addTimelineEvent, listTimeline, newTimelineEvent } from './timeline.ts';
import { queueWrite, runRead, runWrite, type WriteTransaction } from './transact.ts';

/** Registers a bundle as the project's next version, with a timeline event, in one transaction. */
export async function registerBundle(
  db: IDBPDatabase<LooplabDB>,
  draft: { projectId: Id; runId: Id; payload: Record<string, unknown>; tags?: string[]; id?: Id },
): Promise<BundleRecord> {
  const now = Date.now();
  const saved = await runWrite(db, ['bundles', 'timeline'], async (tx) => {
    const existing = await tx.objectStore('bundles').index('by-project').getAll(draft.projectId);
    const version = existing.reduce((max, b) => Math.max(max, b.version), 0) + 1;
    const record: BundleRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: draft.id ?? crypto.randomUUID(),
      projectId: draft.projectId,
      createdAt: now,
      runId: draft.runId,
      version,
      payload: draft.payload,
      tags: [...(draft.tags ?? [])],
    };
    queueWrite(tx.objectStore('bundles').add(record));
    await addTimelineEvent(
      tx.objectStore('timeline'),
      newTimelineEvent(draft.projectId, 'model-registered', `Model version ${version} registered`, {
        bundleId: record.id,
        runId: draft.runId,
        version,
      }),
    );
    return record;
  });
  announceChange({ store: 'bundles', projectId: draft.projectId, id: saved.id });
  return saved;
}

export async function listBundles(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<BundleRecord[]> {
  const all = await runRead(() => db.getAllFromIndex('bundles', 'by-project', projectId));
  return all.map(restoreBundle).sort((a, b) => b.version - a.version);
}

export async function getBundle(db: IDBPDatabase<LooplabDB>, id: Id): Promise<BundleRecord | undefined> {
  const raw = await runRead(() => db.get('bundles', id));
  return raw && restoreBundle(raw);
}

/** Replaces a version's tags (the payload never changes). */
export async function setTags(db: IDBPDatabase<LooplabDB>, id: Id, tags: readonly string[]): Promise<void> {
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  const projectId = await runWrite(db, ['bundles'], async (tx) => {
    const stored = await tx.objectStore('bundles').get(id);
    if (!stored) throw new Error('That model version is no longer stored.');
    queueWrite(tx.objectStore('bundles').put({ ...stored, tags: clean }));
    return stored.projectId;
  });
  announceChange({ store: 'bundles', projectId, id });
}

export async function listAliases(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<AliasRecord[]> {
  const all = await runRead(() => db.getAllFromIndex('aliases', 'by-project', projectId));
  return all.map(restoreAlias);
}

/** One move of an alias, as the timeline records it. */
export interface AliasMove {
  alias: string;
  from: Id | null;
  to: Id | null;
  reason: string;
  at: number;
}

/**
 * Points `alias` at `bundleId` (or removes it with null), with a timeline event, in one transaction: a
 * blue-green switch, a promotion and a rollback are all this one atomic write.
 *
 * @param faults For fault-injection tests only: `afterAliasWrite` runs between the alias write and the
 *   timeline write, where a dying tab would stop; throwing there must leave the old state.
 */
export async function moveAlias(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  alias: string,
  bundleId: Id | null,
  reason: string,
  faults: { afterAliasWrite?: () => void } = {},
): Promise<AliasMove> {
  const at = Date.now();
  const move = await runWrite(db, ALIAS_STORES, (tx) =>
    writeAliasMove(tx, projectId, alias, bundleId, reason, at, faults),
  );
  announceChange({ store: 'aliases', projectId });
  return move;
}

/** Every move of the project's aliases (or one alias), oldest first, read from the timeline. */
export async function aliasHistory(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  alias?: string,
): Promise<AliasMove[]> {
  const events = await listTimeline(db, projectId);
  return events
    .filter((e) => e.kind === 'alias-moved' && e.data)
    .map((e) => e.data as unknown as AliasMove)
    .filter((m) => alias === undefined || m.alias === alias);
}

/**
 * The stores of every alias write. Deployments are among them so that a deployment change (its plan plus
 * alias moves) is one transaction; a plain alias move opens the same set so both share `writeAliasMove`.
 */
export const ALIAS_STORES = ['aliases', 'bundles', 'timeline', 'deployments'] as const;
type AliasTx = WriteTransaction<typeof ALIAS_STORES>;

/**
 * Inside a write: points `alias` at `bundleId` (null removes it) and adds its 'alias-moved' timeline event.
 * Shared by `moveAlias` and deployment changes, which move aliases together with their plan.
 */
export async function writeAliasMove(
  tx: AliasTx,
  projectId: Id,
  alias: string,
  bundleId: Id | null,
  reason: string,
  at: number,
  faults: { afterAliasWrite?: () => void } = {},
): Promise<AliasMove> {
  const bundles = tx.objectStore('bundles');
  const versions = new Map<Id, number>();
  if (bundleId !== null) {
    const bundle = await bundles.get(bundleId);
    if (!bundle || bundle.projectId !== projectId)
      throw new Error(`No model version ${bundleId} in this project.`);
    versions.set(bundle.id, bundle.version);
  }
  const aliases = tx.objectStore('aliases');
  const previous = await aliases.get([projectId, alias]);
  const from = previous?.bundleId ?? null;
  const fromBundle = from === null ? undefined : await bundles.get(from);
  if (fromBundle) versions.set(fromBundle.id, fromBundle.version);
  if (bundleId === null) queueWrite(aliases.delete([projectId, alias]));
  else
    queueWrite(
      aliases.put({ schemaVersion: RECORD_SCHEMA_VERSION, projectId, alias, bundleId, updatedAt: at }),
    );
  faults.afterAliasWrite?.();
  const entry: AliasMove = { alias, from, to: bundleId, reason, at };
  await addTimelineEvent(
    tx.objectStore('timeline'),
    newTimelineEvent(
      projectId,
      'alias-moved',
      `${describeAliasMove(entry, (id) => versions.get(id))} (${reason})`,
      { ...entry },
      at,
    ),
  );
  return entry;
}
