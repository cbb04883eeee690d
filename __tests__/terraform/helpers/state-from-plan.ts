/**
 * Offline stand-in for `terraform apply`: a Terraform state (format version 4) built from a saved plan's planned
 * values, with the values only AWS would know (ARNs, ids, generated names) filled in, typed by the provider schema.
 * Planning against it with `-refresh=false` makes Terraform and the AWS provider compute the real diff (update in
 * place, replace, move) without calling AWS.
 */

interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly schema_version?: number;
  readonly values: Record<string, unknown>;
}

interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

interface ConfiguredModule {
  readonly resources?: readonly { readonly address: string; readonly expressions?: Record<string, { readonly references?: readonly string[] }> }[];
  readonly module_calls?: Readonly<Record<string, { readonly module: ConfiguredModule }>>;
}

export interface PlanWithValues {
  readonly planned_values: { readonly root_module: PlannedModule };
  readonly configuration?: { readonly root_module: ConfiguredModule };
}

interface UnknownsOfChange {
  readonly address: string;
  readonly change: { readonly after_unknown?: Record<string, unknown> };
}

export const FAKE_REGION = 'eu-west-1';

/** Attribute types (cty type JSON) by resource type. */
export type AttributeTypes = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The attribute types of every resource type of the AWS provider, from `terraform providers schema -json`. */
export function attributeTypesOf(schemaJson: string): AttributeTypes {
  const schema = JSON.parse(schemaJson) as {
    provider_schemas: Record<string, { resource_schemas: Record<string, { block: { attributes?: Record<string, { type?: unknown }> } }> }>;
  };
  const aws = Object.entries(schema.provider_schemas).find(([source]) => source.endsWith('/aws'))![1];
  return Object.fromEntries(
    Object.entries(aws.resource_schemas).map(([type, resource]) => [
      type,
      Object.fromEntries(Object.entries(resource.block.attributes ?? {}).map(([name, attribute]) => [name, attribute.type])),
    ]),
  );
}

/** Where a resource sits in the state; by default where the plan put it. */
export type Relocate = (resource: { readonly module?: string; readonly type: string; readonly index?: number | string }) => {
  readonly module?: string;
  readonly index?: number | string;
};

/** `terraform show -json` of a plan → a state JSON text; `relocate` may move resources (e.g. to an old module address). */
export function stateFromPlan(
  plan: PlanWithValues & { readonly resource_changes?: readonly UnknownsOfChange[] },
  accountId: string,
  types: AttributeTypes,
  relocate: Relocate = (resource) => resource,
): string {
  const unknownByAddress = new Map((plan.resource_changes ?? []).map((change) => [change.address, change.change.after_unknown ?? {}]));
  const groups = new Map<string, { module?: string; type: string; name: string; instances: unknown[] }>();
  const visit = (module: PlannedModule) => {
    for (const resource of module.resources ?? []) {
      if (resource.mode !== 'managed') continue;
      const place = relocate({ module: module.address, type: resource.type, index: resource.index });
      const key = `${place.module ?? ''}|${resource.type}.${resource.name}`;
      let group = groups.get(key);
      if (!group) {
        group = { module: place.module, type: resource.type, name: resource.name, instances: [] };
        groups.set(key, group);
      }
      const unknown = unknownByAddress.get(resource.address) ?? {};
      group.instances.push({
        ...(place.index !== undefined ? { index_key: place.index } : {}),
        schema_version: resource.schema_version ?? 0,
        attributes: fill(resource, unknown, types[resource.type] ?? {}, accountId),
        sensitive_attributes: [],
      });
    }
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit(plan.planned_values.root_module);
  resolveReferences(plan, groups);
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '00000000-0000-0000-0000-000000000000',
    outputs: {},
    resources: [...groups.values()].map((group) => ({
      ...(group.module ? { module: group.module } : {}),
      mode: 'managed',
      type: group.type,
      name: group.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: group.instances,
    })),
  });
}

/**
 * An attribute that was unknown because it refers to another resource's attribute (`role = aws_iam_role.x.id`)
 * gets that resource's filled value, as apply would have stored it.
 */
function resolveReferences(
  plan: PlanWithValues & { readonly resource_changes?: readonly UnknownsOfChange[] },
  groups: Map<string, { module?: string; type: string; name: string; instances: unknown[] }>,
): void {
  const byAddress = new Map([...groups.values()].map((group) => [`${group.type}.${group.name}`, group]));
  const visit = (module: ConfiguredModule) => {
    for (const resource of module.resources ?? []) {
      const group = byAddress.get(resource.address);
      if (!group) continue;
      for (const [attribute, expression] of Object.entries(resource.expressions ?? {})) {
        const reference = expression.references?.find((ref) => /^aws_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+$/.test(ref));
        if (!reference) continue;
        const [type, name, source] = reference.split('.') as [string, string, string];
        const target = byAddress.get(`${type}.${name}`);
        const value = (target?.instances[0] as { attributes?: Record<string, unknown> } | undefined)?.attributes?.[source];
        if (value === undefined) continue;
        for (const instance of group.instances as { attributes: Record<string, unknown> }[]) {
          if (typeof instance.attributes[attribute] === 'string' && String(instance.attributes[attribute]).includes('fake')) instance.attributes[attribute] = value;
        }
      }
    }
    for (const call of Object.values(module.module_calls ?? {})) visit(call.module);
  };
  if (plan.configuration) visit(plan.configuration.root_module);
}

/** Planned values with every unknown replaced by what AWS would have returned (fake but well-formed and well-typed). */
function fill(resource: PlannedResource, unknown: Record<string, unknown>, types: Readonly<Record<string, unknown>>, accountId: string): Record<string, unknown> {
  const values = resource.values;
  const filled: Record<string, unknown> = { ...values };
  const name = String(values.name ?? `${String(values.name_prefix ?? 'generated-')}20260101000000000000000001`);
  for (const [key, isUnknown] of Object.entries(unknown)) {
    if (isUnknown === true) {
      filled[key] = fakeValue(key, types[key], resource, name, accountId);
    } else if (Array.isArray(isUnknown) && Array.isArray(values[key])) {
      // Nested blocks (e.g. logging_configuration): a still-unknown nested value is a reference; null it.
      filled[key] = (values[key] as unknown[]).map((item, index) => {
        const nested = isUnknown[index];
        if (typeof item !== 'object' || item === null || typeof nested !== 'object' || nested === null) return item;
        const block = { ...(item as Record<string, unknown>) };
        for (const [nestedKey, flag] of Object.entries(nested)) if (flag === true) block[nestedKey] = `arn:aws:fake:${FAKE_REGION}:${accountId}:${nestedKey}:*`;
        return block;
      });
    }
  }
  return filled;
}

function fakeValue(key: string, type: unknown, resource: PlannedResource, name: string, accountId: string): unknown {
  // No attribute type: a nested block (e.g. aws_iam_role's inline_policy), stored as a list of objects.
  if (type === undefined || (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set'))) return [];
  if (Array.isArray(type) && type[0] === 'map') return key === 'tags_all' ? (resource.values.tags ?? {}) : {};
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  const region = FAKE_REGION;
  const path = String(resource.values.path ?? '/');
  const arn =
    resource.type === 'aws_iam_role'
      ? `arn:aws:iam::${accountId}:role${path}${name}`
      : resource.type === 'aws_sfn_state_machine'
        ? `arn:aws:states:${region}:${accountId}:stateMachine:${name}`
        : resource.type === 'aws_cloudwatch_log_group'
          ? `arn:aws:logs:${region}:${accountId}:log-group:${name}`
          : `arn:aws:${resource.type.replace(/^aws_/, '')}:${region}:${accountId}:${name}`;
  switch (key) {
    case 'arn':
      return arn;
    case 'id':
      return resource.type === 'aws_sfn_state_machine' ? arn : name;
    case 'name':
      return name;
    case 'create_date':
    case 'creation_date':
      return '2026-01-01T00:00:00Z';
    default:
      return key.endsWith("_arn") ? `arn:aws:iam::${accountId}:role/fake-${key}` : `fake-${key}`;
  }
}
