/**
 * The CloudFormation parameters of the original template that change how its state machine behaves.
 * The model reads them the way the original Lambdas read their environment variables.
 */
export interface SeedTemplateParameters {
  /** @default 30 */
  readonly initialWaitTime?: number;
  /** @default 15 */
  readonly baseWaitTime?: number;
  /** @default 1 */
  readonly waitMultiplier?: number;
  /** @default 450 */
  readonly maxWait?: number;
  /** @default 10 */
  readonly maxRetries?: number;
  /** Python `re.match` pattern; '' retries every error. @default '' */
  readonly retryErrorMatch?: string;
  /** @default - none (the original passed an empty string, which the Data API rejects) */
  readonly defaultUser?: string;
  /** @default - none */
  readonly defaultClusterId?: string;
  /** @default - none */
  readonly defaultDb?: string;
}

export type ResolvedSeedParameters = Required<Omit<SeedTemplateParameters, 'defaultUser' | 'defaultClusterId' | 'defaultDb'>> &
  Pick<SeedTemplateParameters, 'defaultUser' | 'defaultClusterId' | 'defaultDb'>;

export function resolveSeedParameters(parameters: SeedTemplateParameters = {}): ResolvedSeedParameters {
  return {
    initialWaitTime: 30,
    baseWaitTime: 15,
    waitMultiplier: 1,
    maxWait: 450,
    maxRetries: 10,
    retryErrorMatch: '',
    ...parameters,
  };
}
