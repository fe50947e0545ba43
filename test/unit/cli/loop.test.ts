import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loopCommand, LOOP_USAGE } from '../../../src/cli/loop-command.ts';
import { UsageError } from '../../../src/cli/main.ts';
import { initNodeBackend } from '../../../src/cli/tf-node.ts';
import { encodeProjectFile, type ProjectSnapshot } from '../../../src/core/project-file/index.ts';
import { RECORD_SCHEMA_VERSION } from '../../../src/core/records.ts';
import type { RetrainStep } from '../../../src/core/retrain/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';
import { OLD_SHA, syntheticTable, trainChampion, type Champion } from '../retrain/champion-fixture.ts';

const CHUNK_ROWS = 200;

// The champions are trained in-process before the command starts its own backend.
beforeAll(async () => {
  await initNodeBackend('cpu');
});

/** A project file as the app exports it: the dataset in chunks, problem, recipe with its split, run, bundle, alias. */
function projectSnapshot(champion: Champion, aliases = ['champion']): ProjectSnapshot {
  const scoped = (id: string) => ({
    schemaVersion: RECORD_SCHEMA_VERSION,
    id,
    projectId: 'project-1',
    createdAt: 1000,
  });
  const { table, bundle } = champion;
  const rows = table.columns[0]!.length;
  const chunkCount = Math.ceil(rows / CHUNK_ROWS);
  return {
    project: {
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: 'project-1',
      name: 'Synthetic',
      createdAt: 1000,
      updatedAt: 2000,
    },
    datasets: [
      {
        ...scoped('dataset-1'),
        name: 'old.csv',
        sha256: OLD_SHA,
        byteLength: 1,
        rowCount: rows,
        columns: table.names.map((name, index) => ({ name, index })),
        delimiter: ',',
        chunkRows: CHUNK_ROWS,
        chunkCount,
        source: 'upload',
        warnings: [],
      },
    ],
    chunks: Array.from({ length: chunkCount }, (_, index) => ({
      schemaVersion: RECORD_SCHEMA_VERSION,
      datasetId: 'dataset-1',
      index,
      columns: table.columns.map((c) => c.slice(index * CHUNK_ROWS, (index + 1) * CHUNK_ROWS)),
    })),
    problems: [{ ...scoped('problem-1'), version: 1, datasetId: 'dataset-1', card: { ...bundle.problem } }],
    recipes: [
      {
        ...scoped('recipe-1'),
        version: 1,
        datasetId: 'dataset-1',
        steps: bundle.recipe.steps.map((s) => ({ ...s })),
        split: { testRowsHash: bundle.lineage.testRowsHash, request: { ...champion.split } },
      },
    ],
    runs: [
      {
        ...scoped(champion.runId),
        status: 'finished',
        params: { ...bundle.model.params },
        seed: champion.runSeed,
        history: [],
        metrics: bundle.metrics.validation,
        environment: { backend: 'cpu' },
      },
    ],
    bundles: [
      {
        ...scoped(bundle.id),
        runId: champion.runId,
        version: 3,
        payload: bundle as unknown as Record<string, unknown>,
      },
    ],
    aliases: aliases.map((alias) => ({
      schemaVersion: RECORD_SCHEMA_VERSION,
      projectId: 'project-1',
      alias,
      bundleId: bundle.id,
      updatedAt: 1500,
    })),
    deployments: [],
    predictions: [],
    labels: [],
    alerts: [],
    timeline: [],
  };
}

function csv(table: RawTable): string {
  const rows = table.columns[0]!.length;
  const lines = [table.names.join(',')];
  for (let r = 0; r < rows; r++) lines.push(table.columns.map((c) => c[r]!).join(','));
  return `${lines.join('\n')}\n`;
}

function writeFiles(champion: Champion, batch: RawTable, aliases?: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'looplab-loop-'));
  const project = join(dir, 'project.looplab');
  writeFileSync(
    project,
    encodeProjectFile(projectSnapshot(champion, aliases), { exportedAt: Date.UTC(2026, 0, 2) }),
  );
  const data = join(dir, 'new.csv');
  writeFileSync(data, csv(batch));
  return { project, data };
}

interface LoopJson {
  status: string;
  decision: { action: string; reason: string; alert?: { kind: string } };
  champion: { version: number; runId: string };
  validation: { ok: boolean; rows: number };
  testRows: number;
  metrics: {
    metric: string;
    champion: { test: Record<string, number> };
    challenger: { test: Record<string, number> };
  };
  comparison: { checks: { name: string; passed: boolean }[] };
  challenger: { seed: number; trials: unknown[] };
  steps: RetrainStep[];
}

describe('looplab loop', () => {
  it('reads a project file, retrains the champion on the new CSV, promotes, and prints the evidence as JSON', async () => {
    const champion = await trainChampion(syntheticTable(500, 1), { seed: 7, noisyTraining: true });
    const { project, data } = writeFiles(champion, syntheticTable(600, 2));
    const result = await loopCommand([project, data, '--backend', 'cpu', '--seed', '11']);
    // What main prints is JSON.stringify of the result.
    const out = JSON.parse(JSON.stringify(result)) as LoopJson;

    expect(out.status).toBe('completed');
    expect(out.decision.action).toBe('promote');
    expect(out.champion).toMatchObject({ version: 3, runId: champion.runId });
    expect(out.validation).toMatchObject({ ok: true, rows: 600 });
    expect(out.testRows).toBe(100);
    expect(out.metrics.metric).toBe('roc_auc');
    expect(out.metrics.challenger.test.roc_auc).toBeGreaterThan(out.metrics.champion.test.roc_auc! + 0.2);
    // Trial 0 trains with the champion run's own seed, read from runs.json.
    expect(out.challenger.seed).toBe(champion.runSeed);
    expect(out.steps.map((s) => s.step)).toEqual([
      'validate',
      'prepare',
      'train',
      'evaluate',
      'compare',
      'decide',
    ]);

    // The same run with a minimum improvement the challenger cannot reach keeps the champion.
    const strict = (await loopCommand([
      project,
      data,
      '--backend',
      'cpu',
      '--seed',
      '11',
      '--min-improvement',
      '0.9',
    ])) as unknown as LoopJson;
    expect(strict.decision).toMatchObject({ action: 'keep', alert: { kind: 'retrain-kept-champion' } });
    expect(strict.comparison.checks.map((c) => [c.name, c.passed])).toEqual([
      ['better than champion', true],
      ['absolute bar', true],
      ['minimum absolute improvement', false],
    ]);
    expect(strict.metrics).toEqual(out.metrics);
  });

  it('names what is missing when the project has no champion, and rejects bad arguments with the usage', async () => {
    const champion = await trainChampion(syntheticTable(200, 1), { seed: 2 });
    const { project, data } = writeFiles(champion, syntheticTable(20, 2), ['challenger']);
    await expect(loopCommand([project, data, '--backend', 'cpu'])).rejects.toThrow(
      'Project "Synthetic" has no champion: aliases.json has no "champion" alias (only "challenger").',
    );
    await expect(loopCommand([project])).rejects.toThrow(UsageError);
    await expect(loopCommand([project, data, '--search', '-1'])).rejects.toThrow(
      '--search must be an integer of at least 0',
    );
    await expect(loopCommand([project, data, '--bogus'])).rejects.toThrow(
      `unknown option --bogus. ${LOOP_USAGE}`,
    );
    await expect(loopCommand([data, data])).rejects.toThrow(/not a Looplab project file/);
  });
});
