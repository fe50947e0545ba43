/**
 * Batch scoring (LIFECYCLE §6): an uploaded CSV scored by a model version in the serve worker. The page holds
 * only progress and the finished predictions file; cancel is cooperative (the worker stops at its next
 * block), so the loaded models and the live deployment in that worker survive it.
 */
import type { BatchResult } from '../../workers/batch-score.ts';
import { serveWorker } from './workers.ts';

export class BatchState {
  running = $state(false);
  fileName = $state('');
  progress = $state.raw<{ rows: number; fraction: number } | null>(null);
  result = $state.raw<(Omit<BatchResult, 'csv'> & { url: string; fileName: string }) | null>(null);
  error = $state('');
  #cancelled = false;

  async score(bundleId: string, version: number, file: File): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.#cancelled = false;
    this.fileName = file.name;
    this.error = '';
    this.progress = { rows: 0, fraction: 0 };
    this.#revoke();
    try {
      const { csv, ...result } = await serveWorker.call('scoreCsv', [
        bundleId,
        file,
        (p) => (this.progress = { rows: p.rows, fraction: p.totalBytes ? p.bytesRead / p.totalBytes : 0 }),
      ]);
      this.result = {
        ...result,
        url: URL.createObjectURL(csv),
        fileName: `${file.name.replace(/\.[^.]*$/, '')}-predictions-v${version}.csv`,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.error = this.#cancelled
        ? `Scoring ${file.name} was cancelled; nothing was written.`
        : `${file.name} was not scored: ${message}`;
    } finally {
      this.running = false;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    this.#cancelled = true;
    await serveWorker.call('cancelBatch', []);
  }

  #revoke(): void {
    if (this.result) URL.revokeObjectURL(this.result.url);
    this.result = null;
  }
}
