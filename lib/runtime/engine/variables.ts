/**
 * Workflow variables (`Assign`). Each scope (the top level, one Map iteration, one Parallel branch) owns an object
 * whose prototype is its parent's, so an expression reads outer variables through the chain while an Assign only
 * ever writes the scope it runs in. Sizes are checked against AWS's quotas.
 */
import { StatesError, StatesErrors } from '../errors';
import { toJson } from './payload';

/** 256 KiB per variable and per Assign block, 10 MiB for all variables of an execution. */
export const VARIABLE_LIMITS = {
  bytesPerVariable: 262_144,
  bytesPerAssign: 262_144,
  bytesPerExecution: 10 * 1024 * 1024,
} as const;

/** Shared by every scope of one execution: the running total of variable sizes. */
export interface VariableBudget {
  totalBytes: number;
}

export class VariableScope {
  /** Values readable from this scope; inherited (prototype) properties are the outer scopes' variables. */
  readonly values: Record<string, unknown>;
  private readonly sizes = new Map<string, number>();

  constructor(
    parentValues: Record<string, unknown>,
    private readonly budget: VariableBudget,
  ) {
    this.values = Object.create(parentValues) as Record<string, unknown>;
  }

  /** Applies one evaluated Assign block atomically, after checking the size quotas. */
  assign(assigned: Record<string, unknown>, stateName: string, field: string): void {
    let blockBytes = 0;
    let delta = 0;
    const newSizes: Array<[string, number]> = [];
    for (const name of Object.keys(assigned)) {
      const value = assigned[name];
      const bytes = sizeOf(value);
      if (bytes > VARIABLE_LIMITS.bytesPerVariable) {
        throw limitError(`The value assigned to the variable '${name}' in the field '${field}' of the state '${stateName}' has ${bytes} bytes, over the ${VARIABLE_LIMITS.bytesPerVariable}-byte limit per variable.`);
      }
      blockBytes += bytes;
      delta += bytes - (this.sizes.get(name) ?? 0);
      newSizes.push([name, bytes]);
    }
    if (blockBytes > VARIABLE_LIMITS.bytesPerAssign) {
      throw limitError(`The field '${field}' of the state '${stateName}' assigns ${blockBytes} bytes, over the ${VARIABLE_LIMITS.bytesPerAssign}-byte limit per Assign.`);
    }
    if (this.budget.totalBytes + delta > VARIABLE_LIMITS.bytesPerExecution) {
      throw limitError(`The field '${field}' of the state '${stateName}' would bring the execution's variables to ${this.budget.totalBytes + delta} bytes, over the ${VARIABLE_LIMITS.bytesPerExecution}-byte limit.`);
    }
    this.budget.totalBytes += delta;
    for (const [name, bytes] of newSizes) {
      this.sizes.set(name, bytes);
      this.values[name] = assigned[name];
    }
  }

  /** Puts back the variables of an earlier attempt (a redrive): no per-Assign limit, they were assigned one by one. */
  restore(values: Readonly<Record<string, unknown>>): void {
    for (const [name, value] of Object.entries(values)) {
      const bytes = sizeOf(value);
      this.budget.totalBytes += bytes - (this.sizes.get(name) ?? 0);
      this.sizes.set(name, bytes);
      this.values[name] = value;
    }
  }

  /** Ends the scope (an iteration or branch finished): its variables no longer count towards the execution total. */
  release(): void {
    for (const bytes of this.sizes.values()) this.budget.totalBytes -= bytes;
    this.sizes.clear();
  }
}

function sizeOf(value: unknown): number {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value).length;
  return Buffer.byteLength(toJson(value), 'utf8');
}

function limitError(cause: string): StatesError {
  return new StatesError(StatesErrors.DataLimitExceeded, cause);
}
