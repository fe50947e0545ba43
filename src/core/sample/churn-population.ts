/**
 * The knobs of the simulated subscriber population. The training batch and the next-month batch are the same
 * simulation with different knobs, so the drift between them is exactly the difference between two objects.
 */

export const CONTRACTS = ['Month-to-month', 'One year', 'Two year'] as const;
export type Contract = (typeof CONTRACTS)[number];

export const PLANS = ['Basic', 'Standard', 'Premium'] as const;
export type Plan = (typeof PLANS)[number];

export const PAYMENT_METHODS = ['Credit card', 'Bank transfer', 'Electronic check', 'Mailed check'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface ChurnPopulation {
  /** The snapshot is taken on the last day of this month; `churned` means cancelled in the next 30 days. */
  snapshotYear: number;
  /** 1-12. */
  snapshotMonth: number;
  /** The number in the first customer_id (C00001 is 1), so that two batches never share an ID. */
  firstCustomerNumber: number;
  contractWeights: Record<Contract, number>;
  planWeights: Record<Plan, number>;
  paymentWeights: Record<PaymentMethod, number>;
  /** Region names are free text; a new key here is a new category in the batch. */
  regionWeights: Record<string, number>;
  /** Multiplies every list price (a price rise shifts the whole fee distribution). */
  feeMultiplier: number;
  /** Added to the churn log-odds of every customer (e.g. a competitor's promotion). */
  churnLogOddsShift: number;
}

/** June 2025: the training snapshot. */
export const TRAINING_POPULATION: ChurnPopulation = {
  snapshotYear: 2025,
  snapshotMonth: 6,
  firstCustomerNumber: 1,
  contractWeights: { 'Month-to-month': 0.52, 'One year': 0.27, 'Two year': 0.21 },
  planWeights: { Basic: 0.4, Standard: 0.36, Premium: 0.24 },
  paymentWeights: {
    'Credit card': 0.3,
    'Bank transfer': 0.27,
    'Electronic check': 0.3,
    'Mailed check': 0.13,
  },
  regionWeights: { 'New York': 0.27, 'Los Angeles': 0.22, Chicago: 0.19, Houston: 0.17, Seattle: 0.15 },
  feeMultiplier: 1,
  churnLogOddsShift: 0,
};

/**
 * July 2025: a price rise of about 12%, a push to month-to-month sign-ups, a launch in Toronto (a region the
 * model has never seen) and a competitor's promotion that raises churn for everyone.
 */
export const NEXT_MONTH_POPULATION: ChurnPopulation = {
  snapshotYear: 2025,
  snapshotMonth: 7,
  firstCustomerNumber: 50001,
  contractWeights: { 'Month-to-month': 0.68, 'One year': 0.19, 'Two year': 0.13 },
  planWeights: { Basic: 0.36, Standard: 0.37, Premium: 0.27 },
  paymentWeights: {
    'Credit card': 0.28,
    'Bank transfer': 0.24,
    'Electronic check': 0.36,
    'Mailed check': 0.12,
  },
  regionWeights: {
    'New York': 0.24,
    'Los Angeles': 0.2,
    Chicago: 0.17,
    Houston: 0.15,
    Seattle: 0.13,
    Toronto: 0.11,
  },
  feeMultiplier: 1.12,
  churnLogOddsShift: 0.35,
};
