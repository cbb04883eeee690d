/** The parts of `terraform show -json <planfile>` the tests read. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly planned_values?: { readonly outputs?: Readonly<Record<string, { readonly value?: unknown; readonly sensitive?: boolean }>> };
  readonly output_changes?: Readonly<Record<string, { readonly after?: unknown; readonly after_unknown?: unknown }>>;
}

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: Readonly<Record<string, unknown>> | null;
    readonly after?: Readonly<Record<string, unknown>> | null;
    readonly after_unknown?: Readonly<Record<string, unknown>>;
  };
}

/** Managed resources of one type the plan creates or updates. */
export function changesOfType(plan: PlanJson, type: string): ResourceChange[] {
  return (plan.resource_changes ?? []).filter((change) => change.mode === 'managed' && change.type === type);
}

/** The single managed resource of `type` outside the companions; fails listing what the plan holds otherwise. */
export function onlyChangeOfType(plan: PlanJson, type: string): ResourceChange {
  // The event-completion and cancel-on-stop companions (relay, cleanup, their rules) are tested on their own.
  const changes = changesOfType(plan, type).filter((change) => !change.address.includes('Companions'));
  if (changes.length !== 1) {
    throw new Error(`expected exactly one ${type} in the plan, found ${changes.length}: ${changes.map((c) => c.address).join(', ')}`);
  }
  return changes[0]!;
}
