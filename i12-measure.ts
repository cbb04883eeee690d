import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfflineAws } from '/work/wt/i12/__tests__/terraform/helpers/offline-aws';
import { fakeAwsProviderOverride } from '/work/wt/i12/__tests__/terraform/helpers/fake-aws-provider';
import { terraformEnv } from '/work/wt/i12/__tests__/terraform/helpers/terraform-cli';

function cpuOf(args: string[], cwd: string): number {
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time terraform ${args.join(' ')} >/dev/null 2>/tmp/i12-err; } 2>&1`], { cwd, env: terraformEnv(), encoding: 'utf8' });
  const [user, sys] = run.stdout.trim().split(/\s+/).map(Number);
  return user! + sys!;
}

async function main() {
  const aws = await startOfflineAws();
  const results: Record<string, number[]> = {};
  for (const [label, moduleDir] of [['variants-0.1', '/tmp/i12-old/dist/terraform-module'], ['single-module', '/tmp/i12mod'], ['provider-only', '']] as const) {
    const root = mkdtempSync(join(tmpdir(), `i12-measure-${label}-`));
    if (moduleDir) {
      cpSync(moduleDir, join(root, 'module'), { recursive: true });
      cpSync('/work/wt/i12/examples/cluster-hcl', join(root, 'examples/cluster-hcl'), { recursive: true });
      const main = join(root, 'examples/cluster-hcl/main.tf');
      writeFileSync(main, require('node:fs').readFileSync(main, 'utf8').replace('../../dist/terraform-module', '../../module'));
    } else {
      require('node:fs').mkdirSync(join(root, 'examples/cluster-hcl'), { recursive: true });
      writeFileSync(join(root, 'examples/cluster-hcl/main.tf'), 'provider "aws" {\n  region = "eu-west-1"\n}\ndata "aws_partition" "p" {}\n');
    }
    const dir = join(root, 'examples/cluster-hcl');
    writeFileSync(join(dir, 'offline_provider_override.tf'), fakeAwsProviderOverride(aws.endpoints));
    execFileSync('terraform', ['init', '-input=false', '-backend=false'], { cwd: dir, env: terraformEnv(), stdio: 'ignore' });
    results[label] = [1, 2, 3].map(() => cpuOf(['plan', '-refresh=false', '-input=false', '-lock=false'], dir));
    rmSync(root, { recursive: true, force: true });
  }
  await aws.close();
  console.log(JSON.stringify(results));
}
main();
