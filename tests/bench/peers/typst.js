// typst.js -- compile a Typst file to PDF with typst-ts-node-compiler
// (typst's own compiler as a Node addon), on the project's pinned fonts
// only. Prints the in-process compile time on stderr so run.sh can show
// it beside the whole-process time.
//   node typst.js IN.typ OUT.pdf
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [inFile, outFile] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(inFile)),
  fontArgs: [{ fontPaths: ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/arphic'] }],
});
const t1 = process.hrtime.bigint();
const pdf = compiler.pdf({ mainFileContent: fs.readFileSync(inFile, 'utf8') });
const t2 = process.hrtime.bigint();
fs.writeFileSync(outFile, pdf);
process.stderr.write(`typst in process: fonts ${Number(t1 - t0) / 1e6} ms, compile+pdf ${Number(t2 - t1) / 1e6} ms\n`);
