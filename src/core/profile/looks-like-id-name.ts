// Separated: "id", "user_id", "user id", "order-id", "ID", "uuid". Not "paid" or "valid".
const SEPARATED = /(?:^|[\s_.-])(?:id|uuid|guid)$|^(?:id|uuid|guid)(?:[\s_.-]|$)/i;
// camelCase: "PassengerId", "customerID". Case-sensitive, so "Paid" is not one.
const CAMEL = /[a-z0-9](?:Id|ID)$/;

/**
 * Whether a column name says it holds identifiers. Only a hint, used for integer columns whose values are
 * all distinct but do not count rows, which could as well be measurements.
 *
 * @example
 * looksLikeIdName('PassengerId'); // true
 * looksLikeIdName('user_id'); // true
 * looksLikeIdName('paid'); // false
 */
export function looksLikeIdName(name: string): boolean {
  return SEPARATED.test(name) || CAMEL.test(name);
}
