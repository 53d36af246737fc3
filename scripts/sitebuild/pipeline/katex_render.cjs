// Render a batch of TeX formulas with KaTeX: reads [{tex, display}] as JSON on stdin and writes
// [{html}] or [{error}] as JSON on stdout. One process for a whole build, started by katex.py.
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ tex, display }) => {
    try {
      return {
        html: katex.renderToString(tex, {
          displayMode: display,
          throwOnError: true,
          strict: "error",
          output: "htmlAndMathml",
          trust: false,
        }),
      };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify({ version: katex.version, results }));
});
