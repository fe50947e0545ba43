/**
 * A project's monitoring settings (LIFECYCLE §7–8), stored on the project record, and their defaults. No
 * zod here: the page reads these types and defaults, while the schema that validates stored settings
 * (monitor-settings.ts) runs in the serve worker.
 */
export interface MonitorSettings {
  /** Length of one monitoring window. */
  windowMinutes: number;
  /** Prediction-log entries older than this are pruned (never inside a window in use). */
  retentionDays: number;
  /** A window with fewer rows than this is reported, with a warning, but not judged. */
  minWindowRows: number;
  alerts: {
    p95LatencyMs: number;
    /** Share of counted features drifting. */
    driftShare: number;
    featurePsi: number;
    /** Change of the binary positive rate against training, in percentage points. */
    positiveRatePoints: number;
    /** Alert when a realised metric misses the problem card's target. */
    realisedBelowTarget: boolean;
    /** Show browser notifications (only once the user allowed them). */
    notify: boolean;
  };
  retrain: {
    /** Retrain when this many days passed since the last retrain (checked whenever the app opens); 0 = off. */
    scheduleDays: number;
    /** Retrain when a drift alert fires. */
    onDriftAlert: boolean;
    /** Retrain when this many new labelled rows arrived; 0 = off. */
    newLabels: number;
    /** Milliseconds since the epoch of the last retrain (any trigger), for the schedule. */
    lastRun: number;
    /** How a better challenger is deployed. */
    deployAs: 'shadow' | 'canary';
  };
}

/** The spec's defaults: a project that never opened the settings monitors sensibly. */
export const DEFAULT_MONITOR_SETTINGS: Readonly<MonitorSettings> = {
  windowMinutes: 60,
  retentionDays: 30,
  minWindowRows: 30,
  alerts: {
    p95LatencyMs: 200,
    driftShare: 0.5,
    featurePsi: 0.2,
    positiveRatePoints: 10,
    realisedBelowTarget: true,
    notify: false,
  },
  retrain: { scheduleDays: 0, onDriftAlert: false, newLabels: 0, lastRun: 0, deployAs: 'shadow' },
};

/** A fresh copy of the defaults, to edit. */
export function defaultMonitorSettings(): MonitorSettings {
  const d = DEFAULT_MONITOR_SETTINGS;
  return { ...d, alerts: { ...d.alerts }, retrain: { ...d.retrain } };
}

/**
 * What the retention setting prunes: log entries before `before`, but none from `keepSince` on, the start
 * of the window in use (the newest one, which drift and alerts judge), whatever the retention says.
 */
export function retentionCutoff(
  settings: Pick<MonitorSettings, 'retentionDays' | 'windowMinutes'>,
  newestEntry: number | undefined,
  now: number,
): { before: number; keepSince: number } {
  const windowMs = settings.windowMinutes * 60_000;
  const newest = newestEntry ?? now;
  return {
    before: now - settings.retentionDays * 24 * 60 * 60 * 1000,
    keepSince: Math.floor(newest / windowMs) * windowMs,
  };
}
