import { DefinitionOptionsError } from './definition-options-error';
import type { BuildDefinitionContext, DefinitionOptions } from './options';
import { checkPatternSyntax } from './regex/pattern-syntax';
import { DEFINITION_DEFAULTS, NUMERIC_SETTINGS, satisfiesNumericRule } from './settings';

const CONNECTION_OPTIONS = ['clusterIdentifier', 'workgroupName', 'database', 'dbUser', 'secretArn', 'resultsRoleArn'] as const;

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Throws a {@link DefinitionOptionsError} for the first known option value that can never work. */
export function validateDefinitionOptions(options: DefinitionOptions, context: BuildDefinitionContext): void {
  const known = (value: unknown) => value !== undefined && !(context.isUnresolved?.(value) ?? false);

  for (const rule of NUMERIC_SETTINGS) {
    const value = options[rule.option];
    if (known(value) && !satisfiesNumericRule(rule, value)) {
      throw new DefinitionOptionsError(rule.option, `${rule.option} must be ${rule.requirement.replace(', or null for no limit', '')}, got ${show(value)}`);
    }
  }

  // MaxWait caps every poll interval and retry delay: a larger BaseWaitTime would never be used (InitialWaitTime is not capped).
  const base = options.baseWaitTime ?? DEFINITION_DEFAULTS.baseWaitTime;
  const cap = options.maxWait ?? DEFINITION_DEFAULTS.maxWait;
  if (known(base) && known(cap) && typeof base === 'number' && typeof cap === 'number' && cap < base) {
    throw new DefinitionOptionsError(
      'maxWait',
      `maxWait (${cap}) is smaller than baseWaitTime (${base}${options.baseWaitTime === undefined ? ', its default' : ''}): maxWait caps every interval between status checks and every retry delay, so baseWaitTime would never be used`,
    );
  }

  const pattern = options.retryErrorMatch;
  if (known(pattern)) {
    if (typeof pattern !== 'string') {
      throw new DefinitionOptionsError('retryErrorMatch', `retryErrorMatch must be a string (a regular expression), got ${show(pattern)}`);
    }
    const problem = checkPatternSyntax(pattern);
    if (problem !== undefined) {
      throw new DefinitionOptionsError('retryErrorMatch', `retryErrorMatch ${show(pattern)} is not supported: ${problem}`);
    }
  }

  for (const option of CONNECTION_OPTIONS) {
    const value = options[option];
    if (known(value) && (typeof value !== 'string' || value.trim() === '')) {
      throw new DefinitionOptionsError(option, `${option} must be a non-empty string, got ${show(value)}`);
    }
  }

  if (known(options.clusterIdentifier) && known(options.workgroupName)) {
    throw new DefinitionOptionsError(
      'workgroupName',
      'clusterIdentifier and workgroupName are both set; give one (a provisioned cluster or a Serverless workgroup)',
    );
  }
}
