/**
 * A request key's position in [0, 1): cyrb53 (bryc) of `seed:key`, 53 bits scaled down. Deterministic across
 * engines and sessions, so the same customer always lands in the same arm, and uniform enough that a 5%
 * canary gets 5% of keys (the unit test checks the share against a binomial tolerance).
 */
export function routeHash(key: string, seed: number | string): number {
  const text = `${seed}:${key}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bits53 = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return bits53 / 2 ** 53;
}
