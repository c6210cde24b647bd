// Jest transformer for the ESM-only packages the tests use (@actions/workflow-parser and
// @actions/expressions): esbuild turns each file into CommonJS, so their bare JSON imports
// (`import schema from "./x.json"`, which Node 20 refuses without an import attribute) become require().
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node20', sourcemap: 'inline', sourcefile: filename });
    return { code, map };
  },
};
