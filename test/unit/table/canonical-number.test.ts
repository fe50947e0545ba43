// The rule that lets a typed column keep a double alone is checked against its definition,
// String(Number(s)) === s, on hand-picked edge cases and on 20,000 random number-like strings.
import { describe, expect, it } from 'vitest';
import { isCanonicalNumber } from '../../../src/core/table/canonical-number.ts';
import { createRng } from '../../../src/core/random.ts';

const canonical = (s: string) => isCanonicalNumber(s, 0, s.length);
const definition = (s: string) => s.trim() !== '' && String(Number(s)) === s;

describe('isCanonicalNumber', () => {
  it('accepts what String() writes and rejects every other spelling', () => {
    for (const s of ['0', '-12', '0.5', '-0.5', '3.25', '123456789012345', '0.000001', '1.5']) {
      expect(canonical(s), s).toBe(true);
    }
    for (const s of ['+1', '007', '1.50', '.5', '2.', '1e3', '-0', '0.0', '0.0000001', '', '-', ' 1', '1 ']) {
      expect(canonical(s), s).toBe(false);
    }
  });

  it('never calls a string canonical that String(Number(s)) does not give back', () => {
    const rng = createRng(18);
    const random = () => rng.next();
    const pick = (chars: string) => chars[Math.floor(random() * chars.length)]!;
    let accepted = 0;
    for (let k = 0; k < 20_000; k++) {
      let s = random() < 0.3 ? '-' : '';
      const length = 1 + Math.floor(random() * 19);
      for (let i = 0; i < length; i++) s += pick('0123456789012345678901234567890123456789.e+');
      if (canonical(s)) {
        accepted++;
        expect(definition(s), s).toBe(true);
      }
    }
    // The rule is not vacuous: a good share of random digit strings are canonical.
    expect(accepted).toBeGreaterThan(2000);
  });

  it('reads a range inside a longer text', () => {
    expect(isCanonicalNumber('a,12.5,b', 2, 6)).toBe(true);
    expect(isCanonicalNumber('a,12.50,b', 2, 7)).toBe(false);
  });
});
