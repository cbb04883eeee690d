import { isJsonObject, type JsonObject } from './json-value';
import type { PathSegment } from './location';

export type QueryLanguage = 'JSONata' | 'JSONPath';

/** A `StartAt` + `States` container: the machine itself, a Map's ItemProcessor/Iterator, or a Parallel branch. */
export interface Scope {
  readonly path: readonly PathSegment[];
  readonly container: JsonObject;
  /** The `States` object when it is one. */
  readonly states: JsonObject | undefined;
  readonly kind: 'machine' | 'ItemProcessor' | 'Iterator' | 'Branch';
  readonly parent: Scope | undefined;
  /** The Map or Parallel state that owns this scope (undefined for the machine). */
  readonly owner: StateEntry | undefined;
}

export interface StateEntry {
  readonly name: string;
  readonly path: readonly PathSegment[];
  /** The state's JSON; not necessarily an object (that is itself a finding). */
  readonly node: unknown;
  readonly scope: Scope;
  /** The language the state's fields are read in: its own `QueryLanguage`, else the machine's (AWS ignores the enclosing Map/Parallel's). */
  readonly language: QueryLanguage;
}

export interface ScopeTree {
  readonly machineLanguage: QueryLanguage;
  readonly scopes: readonly Scope[];
  readonly states: readonly StateEntry[];
}

/** AWS resolves to JSONPath only on the exact string "JSONPath"; absent inherits, any other value means JSONata. */
export function resolveLanguage(declared: unknown, inherited: QueryLanguage): QueryLanguage {
  if (declared === undefined) return inherited;
  return declared === 'JSONPath' ? 'JSONPath' : 'JSONata';
}

/** Lists every scope and state of the machine, recursing into Map ItemProcessor/Iterator and Parallel Branches. */
export function buildScopeTree(definition: JsonObject): ScopeTree {
  const machineLanguage = resolveLanguage(definition.QueryLanguage, 'JSONPath');
  const scopes: Scope[] = [];
  const states: StateEntry[] = [];

  const visitScope = (scope: Scope): void => {
    scopes.push(scope);
    if (!scope.states) return;
    for (const [name, node] of Object.entries(scope.states)) {
      const path = [...scope.path, 'States', name];
      const language = isJsonObject(node) ? resolveLanguage(node.QueryLanguage, machineLanguage) : machineLanguage;
      const entry: StateEntry = { name, path, node, scope, language };
      states.push(entry);
      if (isJsonObject(node)) visitNestedScopes(entry, node);
    }
  };

  const visitNestedScopes = (entry: StateEntry, node: JsonObject): void => {
    if (node.Type === 'Map') {
      for (const kind of ['ItemProcessor', 'Iterator'] as const) {
        const container = node[kind];
        if (isJsonObject(container)) visitScope(makeScope([...entry.path, kind], container, kind, entry));
      }
    } else if (node.Type === 'Parallel' && Array.isArray(node.Branches)) {
      node.Branches.forEach((branch, index) => {
        if (isJsonObject(branch)) visitScope(makeScope([...entry.path, 'Branches', index], branch, 'Branch', entry));
      });
    }
  };

  const makeScope = (path: PathSegment[], container: JsonObject, kind: Scope['kind'], owner: StateEntry | undefined): Scope => ({
    path,
    container,
    states: isJsonObject(container.States) ? container.States : undefined,
    kind,
    parent: owner?.scope,
    owner,
  });

  visitScope(makeScope([], definition, 'machine', undefined));
  return { machineLanguage, scopes, states };
}

/** "State machine" or "Map 'M' ItemProcessor" / "Parallel 'P' Branches[1]", for messages about a scope's own fields. */
export function describeScope(scope: Scope): string {
  if (!scope.owner) return 'State machine';
  const ownerType = scope.kind === 'Branch' ? 'Parallel' : 'Map';
  const where = scope.kind === 'Branch' ? `Branches[${String(scope.path[scope.path.length - 1])}]` : scope.kind;
  return `${ownerType} state '${scope.owner.name}' ${where}`;
}
