import { execFileSync } from 'node:child_process';

/**
 * Polls the resident memory of Chromium's renderer processes (a tab's page and its dedicated workers live in
 * one) and keeps the peak. Linux only (reads `ps`); returns null elsewhere. Run one browser at a time.
 */
export function watchRendererMemory(intervalMs = 200): { peakMB(): number | null; stop(): void } {
  let peak: number | null = null;
  const sample = () => {
    try {
      const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
      for (const line of out.split('\n')) {
        if (!line.includes('--type=renderer')) continue;
        const kb = Number.parseInt(line.trim(), 10);
        if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb / 1024);
      }
    } catch {
      peak = null;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    peakMB: () => (peak === null ? null : Math.round(peak)),
    stop: () => clearInterval(timer),
  };
}
