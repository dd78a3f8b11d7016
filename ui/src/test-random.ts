/**
 * A seeded generator for the property tests (mulberry32): the same cases on every run, and
 * every bit of each draw random. The tests used to step `seed * 1103515245 + 12345` in
 * doubles, where the product passes 2^53 and rounding zeroes its low bits: `random(2)` and
 * `random(4)` then always gave 0, and whole branches of those tests never ran.
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
