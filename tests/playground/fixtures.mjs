// Shared by the node tests: the network module, and the fixtures pytest wrote from initlab and
// SymPy (tests/playground/test_network.py runs these tests with PLAYGROUND_FIXTURES set).
import { readFileSync } from "node:fs";

export * as network from "../../docs/javascripts/playground/network.js";

export function fixtures() {
  const path = process.env.PLAYGROUND_FIXTURES;
  if (!path) {
    throw new Error(
      "PLAYGROUND_FIXTURES is not set: run these through pytest tests/playground/test_network.py",
    );
  }
  // NaN and ±∞ travel as strings ("NaN", "Infinity", "-Infinity").
  const special = new Set(["NaN", "Infinity", "-Infinity"]);
  return JSON.parse(readFileSync(path, "utf8"), (key, value) =>
    special.has(value) ? Number(value) : value,
  );
}

// |ours − theirs| ≤ atol + rtol·|theirs| for every entry, as numpy's assert_allclose.
export function assertClose(ours, theirs, what, rtol = 1e-9, atol = 1e-12) {
  if (ours.length !== theirs.length) {
    throw new Error(`${what}: ${ours.length} values, expected ${theirs.length}`);
  }
  for (let k = 0; k < theirs.length; k++) {
    if (!isFinite(theirs[k])) {
      // NaN where NaN, the same infinity where infinite
      if (!(ours[k] === theirs[k] || (ours[k] !== ours[k] && theirs[k] !== theirs[k]))) {
        throw new Error(`${what}[${k}]: ${ours[k]} vs ${theirs[k]} expected`);
      }
      continue;
    }
    const gap = Math.abs(ours[k] - theirs[k]);
    if (!(gap <= atol + rtol * Math.abs(theirs[k]))) {
      throw new Error(`${what}[${k}]: ${ours[k]} vs ${theirs[k]} expected (off by ${gap})`);
    }
  }
}
