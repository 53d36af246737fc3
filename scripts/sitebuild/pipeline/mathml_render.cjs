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
          wrap: "none", // mathml_layout.py splits a formula where a line may break
          // Temml sets \bar as an accent U+203E, which Noto Sans Math lacks (another font would
          // draw it); \overline is a border that fits its base, as a bar over one letter should.
          macros: { "\\bar": "\\overline{#1}" },
        }),
      };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify({ version: temml.version, results }));
});
