/**
 * `npm run build:module`: writes the Terraform module folder (default `dist/terraform-module/`, or the first
 * argument) that users point `source` at or publish.
 */
import { resolve } from 'node:path';
import { synthModuleFiles } from './synth-module';
import { writeModuleDir } from './write-module-dir';

function main(): void {
  const outDir = resolve(process.argv[2] ?? resolve(__dirname, '..', '..', 'dist', 'terraform-module'));
  const files = synthModuleFiles();
  writeModuleDir(outDir, files);
  process.stdout.write(`Terraform module written to ${outDir} (${Object.keys(files).sort().join(', ')})\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`build:module failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
