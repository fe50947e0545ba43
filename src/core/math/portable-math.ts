/**
 * exp, tanh, log1p, sin and cos that give the same bits in every JavaScript engine. `Math.exp` and friends
 * are only "implementation-approximated": measured here, Node 20's V8 and the Chromium the tests drive
 * disagree in the last bit of Math.exp for about 1 input in 10, so the same bundle scored in the app and by
 * the CLI differed at the 17th digit. stdlib's functions are fdlibm ports built from + − × ÷ and bit
 * operations, which IEEE 754 makes exact everywhere; they cost a few nanoseconds more per call, on paths (the
 * float64 forward pass, the log1p transform, the cyclic date parts) that are nowhere near bound by it.
 */
import stdlibCos from '@stdlib/math-base-special-cos';
import stdlibExp from '@stdlib/math-base-special-exp';
import stdlibLog1p from '@stdlib/math-base-special-log1p';
import stdlibSin from '@stdlib/math-base-special-sin';
import stdlibTanh from '@stdlib/math-base-special-tanh';

export const exp: (x: number) => number = stdlibExp;
export const tanh: (x: number) => number = stdlibTanh;
export const log1p: (x: number) => number = stdlibLog1p;
export const sin: (x: number) => number = stdlibSin;
export const cos: (x: number) => number = stdlibCos;
