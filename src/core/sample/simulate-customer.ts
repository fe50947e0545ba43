import type { Rng } from '../random.ts';
import type { ChurnPopulation, Contract, PaymentMethod, Plan } from './churn-population.ts';

/** One subscriber as the simulation knows them: clean, typed, before any data-entry mess. */
export interface Customer {
  customerNumber: number;
  /** ISO yyyy-mm-dd. */
  signupDate: string;
  plan: Plan;
  region: string;
  /** Dollars, rounded to cents. */
  monthlyFee: number;
  /** Whole months between signup and the snapshot. */
  tenureMonths: number;
  contract: Contract;
  paymentMethod: PaymentMethod;
  supportTickets: number;
  /** Days since the last login, at the snapshot. */
  lastLoginDays: number;
  /** 1 (unhappy) to 5 (happy), from the last survey. */
  satisfaction: number;
  /** Dollars billed so far, rounded to cents. */
  totalSpend: number;
  /** The true probability behind `churned`, kept for tests and for judging how learnable the label is. */
  churnProbability: number;
  churned: boolean;
}

const LIST_PRICE: Record<Plan, number> = { Basic: 19.99, Standard: 39.99, Premium: 69.99 };
const ADD_ONS = [0, 0, 0, 4.99, 9.99, 14.99] as const;
const CONTRACT_DISCOUNT: Record<Contract, number> = {
  'Month-to-month': 1,
  'One year': 0.92,
  'Two year': 0.85,
};
/** Mean tenure in months by contract: long contracts are signed by long-standing customers. */
const TENURE_MEAN: Record<Contract, number> = { 'Month-to-month': 13, 'One year': 26, 'Two year': 34 };
const TENURE_FLOOR: Record<Contract, number> = { 'Month-to-month': 0, 'One year': 0, 'Two year': 6 };
const MAX_TENURE = 72;
const DAY_MS = 86_400_000;

/**
 * The churn model, in log-odds. Every observable feature moves churn in the direction a subscription business
 * would expect, and a latent engagement term the data does not show keeps the best possible ROC AUC near
 * 0.85 rather than 1.
 */
const CHURN_LOG_ODDS = {
  intercept: -0.75,
  contract: { 'Month-to-month': 0, 'One year': -1.1, 'Two year': -2.1 } as Record<Contract, number>,
  perTenureMonth: -0.035,
  perSupportTicket: 0.3,
  perLastLoginDay: 0.03,
  perSatisfactionPoint: -0.5,
  perFeeDollar: 0.012,
  electronicCheck: 0.45,
  perEngagementSd: -0.35,
};

/**
 * Simulates one subscriber of `population` at its snapshot date.
 *
 * @param rng The stream to draw from; the number of draws per customer varies.
 * @param population The knobs of the population (see churn-population.ts).
 * @param customerNumber The number behind customer_id.
 * @returns A clean {@link Customer}.
 * @example
 * const customer = simulateCustomer(createRng(1), TRAINING_POPULATION, 1);
 * customer.churned; // true or false, with probability customer.churnProbability
 */
export function simulateCustomer(rng: Rng, population: ChurnPopulation, customerNumber: number): Customer {
  const contract = weightedPick(rng, population.contractWeights);
  const plan = weightedPick(rng, population.planWeights);
  const paymentMethod = weightedPick(rng, population.paymentWeights);
  const region = weightedPick(rng, population.regionWeights);

  const addOn = rng.pick(ADD_ONS);
  const fullFee = (LIST_PRICE[plan] * population.feeMultiplier + addOn) * CONTRACT_DISCOUNT[contract];
  const monthlyFee = roundCents(fullFee);

  const tenureMonths = Math.min(
    MAX_TENURE,
    TENURE_FLOOR[contract] + Math.floor(exponential(rng, TENURE_MEAN[contract])),
  );
  const snapshot = Date.UTC(population.snapshotYear, population.snapshotMonth, 0);
  // Day 1-28 of the month `tenureMonths` before the snapshot month: exactly `tenureMonths` whole months ago.
  const signup = Date.UTC(
    population.snapshotYear,
    population.snapshotMonth - 1 - tenureMonths,
    rng.int(1, 28),
  );
  const daysSinceSignup = Math.round((snapshot - signup) / DAY_MS);

  // Engagement is the hidden trait behind tickets, logins and satisfaction, which makes them correlate.
  const engagement = rng.normal();
  const supportTickets = poisson(rng, 0.9 * Math.exp(-0.45 * engagement));
  const lastLoginDays = Math.min(
    daysSinceSignup,
    365,
    Math.floor(exponential(rng, 6 * Math.exp(-0.7 * engagement))),
  );
  const satisfaction = clamp(
    Math.round(3.4 + 0.75 * engagement - 0.25 * Math.min(supportTickets, 6) + rng.normal(0, 0.6)),
    1,
    5,
  );

  // Months before the snapshot month were billed at the old price list.
  const pastFee = fullFee / population.feeMultiplier;
  const totalSpend = roundCents(Math.max(0, (pastFee * tenureMonths + fullFee) * (1 + rng.normal(0, 0.03))));

  const m = CHURN_LOG_ODDS;
  const logOdds =
    m.intercept +
    population.churnLogOddsShift +
    m.contract[contract] +
    m.perTenureMonth * tenureMonths +
    m.perSupportTicket * Math.min(supportTickets, 8) +
    m.perLastLoginDay * Math.min(lastLoginDays, 60) +
    m.perSatisfactionPoint * (satisfaction - 3) +
    m.perFeeDollar * (monthlyFee - 40) +
    (paymentMethod === 'Electronic check' ? m.electronicCheck : 0) +
    m.perEngagementSd * engagement;
  const churnProbability = 1 / (1 + Math.exp(-logOdds));

  return {
    customerNumber,
    signupDate: new Date(signup).toISOString().slice(0, 10),
    plan,
    region,
    monthlyFee,
    tenureMonths,
    contract,
    paymentMethod,
    supportTickets,
    lastLoginDays,
    satisfaction,
    totalSpend,
    churnProbability,
    churned: rng.next() < churnProbability,
  };
}

function weightedPick<K extends string>(rng: Rng, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let u = rng.next() * total;
  for (const [key, w] of entries) {
    u -= w;
    if (u < 0) return key;
  }
  // Only reachable through floating-point rounding at the very top of the range.
  return (entries[entries.length - 1] as [K, number])[0];
}

function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/** Knuth's method: fine for the small means used here. */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
