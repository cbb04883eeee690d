#!/usr/bin/env node
// An installed package runs the compiled CLI (dist/, built by `npm pack`). A checkout, which has the TypeScript
// sources and tsx (a devDependency), runs the sources, so a stale dist/ is never used by mistake.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = join(__dirname, '..', 'lib', 'cli', 'bin.ts');
if (existsSync(sources)) {
  require('tsx/cjs');
  require(sources);
} else {
  require('../dist/lib/cli/bin.js');
}
