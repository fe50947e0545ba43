// The built-in sample project: a seeded, messy, drifting subscription-churn dataset.
export { CHURN_COLUMNS, type ChurnColumn } from './churn-columns.ts';
export { CHURN_SAMPLE_MESS, type ChurnMessItem } from './churn-mess.ts';
export { generateChurnCsv } from './generate-churn-csv.ts';
export { generateChurnNextMonthCsv } from './generate-churn-next-month-csv.ts';
export { SAMPLE_PROJECT } from './sample-project.ts';
