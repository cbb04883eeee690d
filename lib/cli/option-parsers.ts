import { InvalidArgumentError } from 'commander';
import { isAwsAccountId } from '../emulator';

/**
 * Commander argument parsers. A value that is not what the flag needs fails as commander's
 * `invalidArgument` error, which names the flag and the value, and exits with code 2.
 */
export function parseNumberArg(value: string): number {
  const trimmed = value.trim();
  const parsed = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(parsed)) throw new InvalidArgumentError('Expected a number.');
  return parsed;
}

export function parseNonNegativeNumberArg(value: string): number {
  const parsed = parseNumberArg(value);
  if (parsed < 0) throw new InvalidArgumentError('Expected a number >= 0.');
  return parsed;
}

export function parsePositiveNumberArg(value: string): number {
  const parsed = parseNumberArg(value);
  if (parsed <= 0) throw new InvalidArgumentError('Expected a number > 0.');
  return parsed;
}

export function parseNonNegativeIntegerArg(value: string): number {
  const parsed = parseNumberArg(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('Expected a whole number >= 0.');
  return parsed;
}

export function parsePositiveIntegerArg(value: string): number {
  const parsed = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('Expected a whole number >= 1.');
  return parsed;
}

export function parsePortArg(value: string): number {
  const parsed = parseNumberArg(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('Expected a port number from 0 to 65535 (0 = any free port).');
  return parsed;
}

/** For repeatable flags such as `--sql a --sql b`. */
export function collectArg(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseAccountIdArg(value: string): string {
  if (!isAwsAccountId(value)) throw new InvalidArgumentError('Expected a 12-digit AWS account id.');
  return value;
}
