import { buildDefinition } from '../../lib/definition';
import { buildSeedModelDefinition } from '../seed-model';
import { BENCH_CONNECTION } from '../compare/run-system';
import type { DefinitionSizes } from './results';

/** Step Functions' maximum definition size (aws-facts A4). */
export const DEFINITION_LIMIT_BYTES = 1024 * 1024;

const bytes = (definition: unknown) => Buffer.byteLength(JSON.stringify(definition), 'utf8');

export function measureDefinitionSizes(): DefinitionSizes {
  return {
    oursDefaultBytes: bytes(buildDefinition({ ...BENCH_CONNECTION })),
    oursConfiguredBytes: bytes(
      buildDefinition({
        ...BENCH_CONNECTION,
        initialWaitTime: 60,
        baseWaitTime: 20,
        waitMultiplier: 1.5,
        maxWait: 600,
        maxRetries: 5,
        retryErrorMatch: '(ERROR: 1023|.*[Ss]erializable isolation)',
        timeoutSeconds: 7200,
        resultsRoleArn: 'arn:aws:iam::123456789012:role/redshift-query-results',
      }),
    ),
    seedModelBytes: bytes(buildSeedModelDefinition()),
    limitBytes: DEFINITION_LIMIT_BYTES,
  };
}
