// Exercises with a numeric answer: the reader types a number and is told whether it is right.
// The answer and its relative tolerance come from the page (data-answer, data-tolerance), put
// there by the build, which computed the answer. Nothing is sent anywhere.
"use strict";

// "0.163", "1.6e-1", "-2", "1/6", "2,5" (a decimal comma) -> a number, or NaN.
export function parseAnswer(text) {
  const cleaned = text.trim().replace(/\s+/g, "").replace(/,/g, ".");
  if (!cleaned) return NaN;
  const fraction = cleaned.match(/^([-+]?[\d.]+(?:e[-+]?\d+)?)\/([-+]?[\d.]+(?:e[-+]?\d+)?)$/i);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : NaN;
}

export function judge(given, answer, tolerance) {
  if (!Number.isFinite(given)) return "unreadable";
  const scale = Math.max(Math.abs(answer), Number.MIN_VALUE);
  return Math.abs(given - answer) <= tolerance * scale ? "right" : "wrong";
}

const MESSAGES = {
  right: "Right.",
  wrong: "Not quite: try again, or open the answer.",
  unreadable: "Type a number, such as 0.25, 2.5e-3 or 1/4.",
};

function attach(exercise) {
  const form = exercise.querySelector("form.exercise-check");
  if (!form) return;
  const input = form.querySelector("input");
  const output = form.querySelector("output");
  const answer = Number(exercise.dataset.answer);
  const tolerance = Number(exercise.dataset.tolerance);
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const verdict = judge(parseAnswer(input.value), answer, tolerance);
    output.textContent = MESSAGES[verdict];
    output.dataset.verdict = verdict;
  });
}

function start() {
  document.querySelectorAll(".exercise[data-answer]").forEach(attach);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
