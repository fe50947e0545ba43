import { z } from 'zod';

/**
 * A project's monitoring settings (LIFECYCLE §7–8), stored on the project record. Every field has the
 * spec's default, so a project that never opened the settings monitors sensibly.
 */
export const monitorSettingsSchema = z.object({
  /** Length of one monitoring window. */
  windowMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(60),
  /** Prediction-log entries older than this are pruned (never inside a window in use). */
  retentionDays: z.number().positive().max(3650).default(30),
  /** A window with fewer rows than this is reported, with a warning, but not judged. */
  minWindowRows: z.number().int().min(1).default(30),
  alerts: z
    .object({
      p95LatencyMs: z.number().nonnegative().default(200),
      /** Share of counted features drifting. */
      driftShare: z.number().min(0).max(1).default(0.5),
      featurePsi: z.number().nonnegative().default(0.2),
      /** Change of the binary positive rate against training, in percentage points. */
      positiveRatePoints: z.number().nonnegative().default(10),
      /** Alert when a realised metric misses the problem card's target. */
      realisedBelowTarget: z.boolean().default(true),
      /** Show browser notifications (only once the user allowed them). */
      notify: z.boolean().default(false),
    })
    .default({
      p95LatencyMs: 200,
      driftShare: 0.5,
      featurePsi: 0.2,
      positiveRatePoints: 10,
      realisedBelowTarget: true,
      notify: false,
    }),
  retrain: z
    .object({
      /** Retrain when this many days passed since the last retrain (checked whenever the app opens); 0 = off. */
      scheduleDays: z.number().nonnegative().default(0),
      /** Retrain when a drift alert fires. */
      onDriftAlert: z.boolean().default(false),
      /** Retrain when this many new labelled rows arrived; 0 = off. */
      newLabels: z.number().int().nonnegative().default(0),
      /** Milliseconds since the epoch of the last retrain (any trigger), for the schedule. */
      lastRun: z.number().nonnegative().default(0),
      /** How a better challenger is deployed. */
      deployAs: z.enum(['shadow', 'canary']).default('shadow'),
    })
    .default({ scheduleDays: 0, onDriftAlert: false, newLabels: 0, lastRun: 0, deployAs: 'shadow' }),
});

export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;

/** The stored settings with defaults filled in; anything invalid falls back to the defaults, field by field. */
export function readMonitorSettings(stored: unknown): MonitorSettings {
  const parsed = monitorSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  // One bad field should not reset the rest: drop the fields zod named and parse again.
  const clean: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  for (const issue of parsed.error.issues) {
    const [top] = issue.path;
    if (typeof top === 'string') delete clean[top];
  }
  return monitorSettingsSchema.parse(clean);
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
