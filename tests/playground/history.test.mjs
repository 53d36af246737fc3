// The cost history: every step until it must merge, bounded afterwards, extremes kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { network as N } from "./fixtures.mjs";

function play(steps) {
  const history = new N.LossHistory(), costs = [];
  for (let k = 0; k < steps; k++) {
    // a falling cost, a spike at step 123457, NaN now and then
    const cost = k === 123457 ? 1e6 : k % 1000 === 7 ? NaN : 1 + 1 / (1 + k);
    history.push(cost);
    if (steps <= 2000) costs.push(cost);
  }
  return { history, costs };
}

test("the cost history keeps every step until it must merge", () => {
  const { history, costs } = play(1000);
  assert.equal(history.stride, 1);
  assert.equal(history.count, 1000);
  assert.equal(costs.filter((c) => c !== c).length, 1); // step 7: a gap in the curve
  assert.deepEqual(history.low, costs); // NaN where NaN
  assert.deepEqual(history.high, costs);
});

test("the cost history stays bounded and keeps its extremes", () => {
  const steps = 300000; // about three minutes of playing at depth 3
  const { history } = play(steps);
  const finite = (values) => values.filter((v) => v === v);
  assert.equal(history.count, steps);
  assert.ok(history.low.length <= N.HISTORY_BUCKETS);
  assert.ok(history.low.length * history.stride >= steps);
  assert.equal(history.stride, 512); // 300,000 steps in 586 buckets of 512
  assert.equal(history.first, 2);
  assert.equal(history.last, 1 + 1 / steps);
  assert.equal(Math.max(...finite(history.high)), 1e6); // the one-step spike survives every merge
  assert.equal(history.high[Math.floor(123457 / 512)], 1e6);
  assert.equal(Math.min(...finite(history.low)), 1 + 1 / steps);
});

test("a cost that is not a finite positive number is a gap, never an extreme", () => {
  const history = new N.LossHistory();
  for (const cost of [NaN, Infinity, 0, -1]) history.push(cost);
  assert.ok(history.low.every((v) => v !== v) && history.high.every((v) => v !== v));
  history.push(0.5);
  assert.deepEqual(history.low.slice(-1), [0.5]);
});
