import type { MonitorSettings } from './monitor-defaults.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Which retrain trigger fires now (LIFECYCLE §8), if any: a drift alert that just fired, enough labelled
 * rows since the last retrain, or the schedule (checked whenever the app opens). In that order, so the
 * timeline names the most specific reason.
 *
 * @example retrainTrigger({ ...settings.retrain, newLabels: 500 }, { now, firedKinds: [], newLabels: 612 })
 * // '612 new labelled rows'
 */
export function retrainTrigger(
  retrain: MonitorSettings['retrain'],
  observed: { now: number; firedKinds: readonly string[]; newLabels: number },
): string | null {
  if (retrain.onDriftAlert && observed.firedKinds.some((k) => k === 'drift-share' || k === 'feature-psi'))
    return 'drift alert';
  if (retrain.newLabels > 0 && observed.newLabels >= retrain.newLabels)
    return `${observed.newLabels} new labelled rows`;
  if (retrain.scheduleDays > 0 && observed.now - retrain.lastRun >= retrain.scheduleDays * DAY)
    return `schedule: every ${retrain.scheduleDays} days`;
  return null;
}
