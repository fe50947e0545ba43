// @stdlib/assert-has-generator-support, without its probe: it evaluates `(function* () {})` from a string,
// which our Content-Security-Policy (no 'unsafe-eval') refuses and reports as a violation in every worker
// that loads stdlib's series and continued fractions (the drift tests' gamma functions). Every browser the
// build targets (ES2022) has generators, and Node, where the CLI runs the unshimmed package, finds them
// too: the app and the CLI pick the same (generator) implementation, as they must to give the same bits.
'use strict';

module.exports = function hasGeneratorSupport() {
  return true;
};
