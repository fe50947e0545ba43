/**
 * An alias move in words, with version numbers rather than bundle ids: what the Models tab says after a
 * move, what its alias history lists, and the message of the move's timeline event.
 *
 * @param versionOf The version number of a bundle id, or undefined when that version is not known (a
 *   version deleted since); it is then named "an unknown version".
 * @example
 * describeAliasMove({ alias: 'champion', from: null, to: 'b1' }, () => 1); // "champion set to v1"
 * describeAliasMove({ alias: 'champion', from: 'b1', to: 'b2' }, (id) => (id === 'b1' ? 1 : 2));
 * // "champion moved from v1 to v2"
 */
export function describeAliasMove(
  move: { alias: string; from: string | null; to: string | null },
  versionOf: (bundleId: string) => number | undefined,
): string {
  const name = (id: string) => {
    const version = versionOf(id);
    return version === undefined ? 'an unknown version' : `v${version}`;
  };
  const { alias, from, to } = move;
  if (to === null)
    return from === null ? `${alias} unchanged (not set)` : `${alias} removed (was ${name(from)})`;
  if (from === null) return `${alias} set to ${name(to)}`;
  if (from === to) return `${alias} stays ${name(to)}`;
  return `${alias} moved from ${name(from)} to ${name(to)}`;
}
