import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { MODULE_VARIANTS, variantCondition } from '../../lib/module';
import { terraformEnv } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(180_000);

/** Which inner module must serve each combination of set variables (by hand, from the module's documentation). */
const EXPECTED: readonly { readonly set: readonly string[]; readonly variant: string | null }[] = [
  { set: ['default_user'], variant: 'cluster-db-user' },
  { set: ['default_secret_arn'], variant: 'cluster-secret' },
  { set: [], variant: 'cluster-iam' },
  { set: ['default_workgroup_name', 'default_secret_arn'], variant: 'workgroup-secret' },
  { set: ['default_workgroup_name'], variant: 'workgroup-iam' },
  // Rejected by validation before any variant is chosen: no variant may claim them by accident.
  { set: ['default_workgroup_name', 'default_user'], variant: null },
];

describeWithTerraform('module variants (conditions evaluated by terraform console)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rqsf-variants-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('exactly the expected variant is instantiated for every target, auth and KMS combination', () => {
    const cases = EXPECTED.flatMap((entry) => [false, true].map((kms) => ({ ...entry, set: kms ? [...entry.set, 'kms_key_arn'] : entry.set, kms })));
    // One console expression evaluates every condition of every case: `var.x` replaced by "set" or null.
    const expressions = cases.flatMap((c) =>
      MODULE_VARIANTS.map((variant) => variantCondition(variant).replace(/var\.([a-z_]+)/g, (_m, name: string) => (c.set.includes(name) ? '"set"' : 'null'))),
    );
    const joined = `join(",", [for value in [${expressions.join(', ')}] : tostring(value)])`;
    const run = spawnSync('terraform', ['console'], { cwd: dir, env: terraformEnv(), input: `${joined}\n`, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const values = JSON.parse(run.stdout.trim()).split(',');
    expect(values).toHaveLength(expressions.length);
    cases.forEach((c, caseIndex) => {
      const chosen = MODULE_VARIANTS.filter((_v, i) => values[caseIndex * MODULE_VARIANTS.length + i] === 'true').map((v) => v.id);
      const expected = c.variant === null ? [] : [`${c.variant}${c.kms ? '-kms' : ''}`];
      expect({ set: c.set, chosen }).toEqual({ set: c.set, chosen: expected });
    });
  });
});
