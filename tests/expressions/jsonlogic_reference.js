// Run json-logic-js (the browser's evaluator) over cases read as JSON from stdin.
// Usage: node jsonlogic_reference.js <path to json-logic-js>  < [[rule, data], ...]
// Prints one JSON array: {"value": v} or {"error": message} per case. Numbers JSON cannot
// hold are written as {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}; undefined as null.
"use strict";
const jsonLogic = require(process.argv[2]);
// The "log" operator prints; keep stdout for the results.
console.log = (...args) => process.stderr.write(args.map(String).join(" ") + "\n");

function encode(key, value) {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $number: "NaN" };
    if (value === Infinity) return { $number: "Infinity" };
    if (value === -Infinity) return { $number: "-Infinity" };
    if (Object.is(value, -0)) return { $number: "-0" };
  }
  return value === undefined ? null : value;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(([rule, data]) => {
    try {
      return { value: jsonLogic.apply(rule, data) };
    } catch (error) {
      return { error: String(error && error.message) };
    }
  });
  process.stdout.write(JSON.stringify(results, encode));
});
