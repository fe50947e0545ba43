import { z } from '../zod.ts';
import { DEFAULT_MONITOR_SETTINGS as D, type MonitorSettings } from './monitor-defaults.ts';

export { retentionCutoff, type MonitorSettings } from './monitor-defaults.ts';

/** The stored settings' schema: every field defaults to the spec's value (monitor-defaults.ts). */
export const monitorSettingsSchema = z.object({
  windowMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(D.windowMinutes),
  retentionDays: z.number().positive().max(3650).default(D.retentionDays),
  minWindowRows: z.number().int().min(1).default(D.minWindowRows),
  alerts: z
    .object({
      p95LatencyMs: z.number().nonnegative().default(D.alerts.p95LatencyMs),
      driftShare: z.number().min(0).max(1).default(D.alerts.driftShare),
      featurePsi: z.number().nonnegative().default(D.alerts.featurePsi),
      positiveRatePoints: z.number().nonnegative().default(D.alerts.positiveRatePoints),
      realisedBelowTarget: z.boolean().default(D.alerts.realisedBelowTarget),
      notify: z.boolean().default(D.alerts.notify),
    })
    .default({ ...D.alerts }),
  retrain: z
    .object({
      scheduleDays: z.number().nonnegative().default(D.retrain.scheduleDays),
      onDriftAlert: z.boolean().default(D.retrain.onDriftAlert),
      newLabels: z.number().int().nonnegative().default(D.retrain.newLabels),
      lastRun: z.number().nonnegative().default(D.retrain.lastRun),
      deployAs: z.enum(['shadow', 'canary']).default(D.retrain.deployAs),
    })
    .default({ ...D.retrain }),
}) satisfies z.ZodType<MonitorSettings>;

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
