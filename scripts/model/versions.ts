import { SEMVER } from '../../schemas/common.ts';

/** How far apart two versions are: `patch` is wording only; `minor` and `major` change the process. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

type Parts = [number, number, number];

function parts(version: string): Parts | undefined {
  const match = SEMVER.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Orders two semantic versions by major, minor and patch (pre-release tags aside); unparseable ones sort first. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The part that changed going from `from` to `to`. */
export function bumpOf(from: string, to: string): Bump {
  const [x, y] = [parts(from), parts(to)];
  if (!x || !y) return 'none';
  if (x[0] !== y[0]) return 'major';
  if (x[1] !== y[1]) return 'minor';
  return x[2] !== y[2] ? 'patch' : 'none';
}
