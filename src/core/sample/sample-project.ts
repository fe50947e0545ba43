/**
 * What the app needs to create the built-in sample project: its name, its datasets (each generated on demand
 * from rows and seed, so nothing large ships in the bundle) and the suggested problem definition.
 */
export const SAMPLE_PROJECT = {
  name: 'Sample: subscription churn',
  datasets: {
    training: { name: 'subscriptions-2025-06.csv', rows: 2000, seed: 42 },
    nextMonth: { name: 'subscriptions-2025-07.csv', rows: 1000, seed: 43 },
  },
  target: 'churned',
  positiveClass: 'Yes',
  taskType: 'binary',
  idColumn: 'customer_id',
} as const;
