// Typeset a batch of TeX formulas as MathML with Temml: reads [{tex, display}] as JSON on stdin
// and writes {version, results: [{mathml} or {error}]} as JSON on stdout. One process for a whole
// build, started by mathml.py.
const temml = require("temml");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ tex, display }) => {
    try {
      return {
        mathml: temml.renderToString(tex, {
          displayMode: display,
          throwOnError: true,
          strict: true,
          trust: false,
          annotate: false,
          wrap: "none", // mathml.py splits a formula where a line may break
        }),
      };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify({ version: temml.version, results }));
});
