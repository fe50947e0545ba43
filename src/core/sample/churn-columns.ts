import type { Customer } from './simulate-customer.ts';

/** The columns of the sample churn CSVs, in file order. */
export const CHURN_COLUMNS = [
  'customer_id',
  'signup_date',
  'plan',
  'region',
  'monthly_fee',
  'tenure_months',
  'contract',
  'payment_method',
  'support_tickets',
  'last_login_days',
  'satisfaction',
  'total_spend',
  'churned',
] as const;

export type ChurnColumn = (typeof CHURN_COLUMNS)[number];

/** One CSV record as text, before quoting. Mess is applied at this level, because mess is textual. */
export type ChurnRow = Record<ChurnColumn, string>;

/**
 * Writes a clean customer as CSV field text.
 *
 * @example
 * customerToRow(customer).customer_id; // 'C00042'
 */
export function customerToRow(customer: Customer): ChurnRow {
  return {
    customer_id: `C${String(customer.customerNumber).padStart(5, '0')}`,
    signup_date: customer.signupDate,
    plan: customer.plan,
    region: customer.region,
    monthly_fee: customer.monthlyFee.toFixed(2),
    tenure_months: String(customer.tenureMonths),
    contract: customer.contract,
    payment_method: customer.paymentMethod,
    support_tickets: String(customer.supportTickets),
    last_login_days: String(customer.lastLoginDays),
    satisfaction: String(customer.satisfaction),
    total_spend: customer.totalSpend.toFixed(2),
    churned: customer.churned ? 'Yes' : 'No',
  };
}
