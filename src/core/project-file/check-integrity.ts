import { ProjectFileError } from './project-file-error.ts';
import { SNAPSHOT_STORES, type ProjectSnapshot } from './project-snapshot.ts';
import { recordLabel } from './record-label.ts';

/**
 * Checks that a snapshot's records agree with each other, after each has passed its shape check: every record
 * belongs to the snapshot's project, ids are unique (import remaps them through one table), aliases are
 * unique, and every dataset has exactly its chunks, with its columns and its row count. Throws
 * ProjectFileError('inconsistent') naming the first record that disagrees.
 */
export function checkIntegrity(snapshot: ProjectSnapshot): void {
  checkProjectIds(snapshot);
  checkUniqueIds(snapshot);
  checkUniqueAliases(snapshot);
  checkChunks(snapshot);
}

function fail(file: string, message: string): never {
  throw new ProjectFileError('inconsistent', message, file);
}

function checkProjectIds(snapshot: ProjectSnapshot): void {
  const projectId = snapshot.project.id;
  for (const store of SNAPSHOT_STORES) {
    if (store === 'chunks') continue;
    const file = `${store}.json`;
    snapshot[store].forEach((record, i) => {
      if (record.projectId !== projectId) {
        fail(
          file,
          `${recordLabel(file, i, record)}: field 'projectId' is '${record.projectId}', ` +
            `but the project in projects.json has id '${projectId}'.`,
        );
      }
    });
  }
}

function checkUniqueIds(snapshot: ProjectSnapshot): void {
  const seen = new Map<string, string>([
    [snapshot.project.id, recordLabel('projects.json', 0, snapshot.project)],
  ]);
  for (const store of SNAPSHOT_STORES) {
    if (store === 'chunks' || store === 'aliases') continue;
    const file = `${store}.json`;
    snapshot[store].forEach((record, i) => {
      const label = recordLabel(file, i, record);
      const other = seen.get(record.id);
      if (other !== undefined) fail(file, `${label}: its id is also used by ${other}; ids must be unique.`);
      seen.set(record.id, label);
    });
  }
}

function checkUniqueAliases(snapshot: ProjectSnapshot): void {
  const seen = new Set<string>();
  snapshot.aliases.forEach((alias, i) => {
    if (seen.has(alias.alias)) {
      fail('aliases.json', `${recordLabel('aliases.json', i, alias)}: alias '${alias.alias}' appears twice.`);
    }
    seen.add(alias.alias);
  });
}

function checkChunks(snapshot: ProjectSnapshot): void {
  const datasets = new Map(snapshot.datasets.map((dataset) => [dataset.id, dataset]));
  const rowsByDataset = new Map<string, number>();
  const indexesByDataset = new Map<string, Set<number>>();

  snapshot.chunks.forEach((chunk, i) => {
    const label = recordLabel('chunks.json', i, chunk);
    const dataset = datasets.get(chunk.datasetId);
    if (dataset === undefined) {
      fail(
        'chunks.json',
        `${label}: field 'datasetId' is '${chunk.datasetId}', which is not in datasets.json.`,
      );
    }
    if (chunk.index >= dataset.chunkCount) {
      fail(
        'chunks.json',
        `${label}: field 'index' is ${chunk.index}, but dataset '${dataset.id}' has only ${dataset.chunkCount} chunks.`,
      );
    }
    const indexes = indexesByDataset.get(dataset.id) ?? new Set<number>();
    if (indexes.has(chunk.index)) {
      fail('chunks.json', `${label}: chunk ${chunk.index} of dataset '${dataset.id}' appears twice.`);
    }
    indexes.add(chunk.index);
    indexesByDataset.set(dataset.id, indexes);

    if (chunk.columns.length !== dataset.columns.length) {
      fail(
        'chunks.json',
        `${label}: has ${chunk.columns.length} columns, but dataset '${dataset.id}' has ${dataset.columns.length}.`,
      );
    }
    const rows = chunk.columns[0]?.length ?? 0;
    const ragged = chunk.columns.findIndex((column) => column.length !== rows);
    if (ragged !== -1) {
      fail(
        'chunks.json',
        `${label}: column ${ragged} has ${chunk.columns[ragged]!.length} rows, column 0 has ${rows}.`,
      );
    }
    rowsByDataset.set(dataset.id, (rowsByDataset.get(dataset.id) ?? 0) + rows);
  });

  snapshot.datasets.forEach((dataset, i) => {
    const label = recordLabel('datasets.json', i, dataset);
    const held = indexesByDataset.get(dataset.id)?.size ?? 0;
    if (held !== dataset.chunkCount) {
      fail(
        'datasets.json',
        `${label}: field 'chunkCount' is ${dataset.chunkCount}, but chunks.json holds ${held} chunks for it.`,
      );
    }
    const rows = rowsByDataset.get(dataset.id) ?? 0;
    if (rows !== dataset.rowCount) {
      fail(
        'datasets.json',
        `${label}: field 'rowCount' is ${dataset.rowCount}, but its chunks hold ${rows} rows.`,
      );
    }
  });
}
