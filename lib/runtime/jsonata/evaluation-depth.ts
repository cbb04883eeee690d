/**
 * Step Functions' evaluation-depth limit for JSONata: an expression whose evaluation nests more than
 * {@link MAX_EVALUATION_DEPTH} steps fails the state with States.QueryEvaluationError (observed on AWS: depth 100 is
 * accepted, 101 refused). Depth is counted the way JSONata's reference "timebox" counts it, through the evaluator's
 * entry/exit hooks: +1 when the evaluation of an AST node starts, -1 when it ends, so it is the length of the chain of
 * node evaluations in progress (`1+1+…+1` with n terms has depth n; a call adds the depth of the function body at the
 * call site; a tail call made through JSONata's tail-call optimisation does not add).
 *
 * jsonata-js evaluates the items of an array constructor and the values of an object constructor concurrently
 * (`Promise.all`); a plain counter would add up sibling branches. The entry hook therefore runs such siblings one
 * after the other (the next starts when the previous one has ended), which makes the evaluation a single chain
 * and the counter exact. Results do not change: JSONata collects those branches in order either way.
 */
import type jsonata from 'jsonata';

/** Deepest nesting AWS accepts. */
export const MAX_EVALUATION_DEPTH = 100;

/** AWS's message for an evaluation deeper than {@link MAX_EVALUATION_DEPTH} (it carries no JSONata error code). */
export const DEPTH_EXCEEDED_MESSAGE =
  'Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.';

/** Thrown inside JSONata when the depth limit is passed; no `code`, like AWS's bare message. */
export class EvaluationDepthExceededError extends Error {
  override readonly name = 'EvaluationDepthExceededError';
  constructor() {
    super(DEPTH_EXCEEDED_MESSAGE);
  }
}

/** Binding name of the per-evaluation tracker; `$sfn:depth` does not parse, so expressions never see it. */
export const DEPTH_BINDING = 'sfn:depth';

const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

interface Frame {
  readonly node: object;
  /** Resolves when this node's evaluation has ended; created only when a sibling waits for it. */
  ended?: Promise<void>;
  end?: () => void;
}

/** One evaluation's depth: the chain of node evaluations in progress. */
export class DepthTracker {
  /** Deepest depth any evaluation of this process has reached: a measurement (tests pin the definition's worst case). */
  static highWaterMark = 0;
  depth = 0;
  /** Deepest depth reached so far (for measurements). */
  max = 0;
  private readonly frames: Frame[] = [];
  /** The frame of the most recent entry when no other hook has run since; siblings of a `Promise.all` enter back to back. */
  private lastEntered: Frame | undefined;

  constructor(private readonly limit: number = MAX_EVALUATION_DEPTH) {}

  enter(node: object): Promise<void> | undefined {
    const frame: Frame = { node };
    const previous = this.lastEntered;
    this.lastEntered = frame;
    const branchOf = PARALLEL_BRANCH_OF.get(node);
    if (previous && branchOf !== undefined && branchOf === PARALLEL_BRANCH_OF.get(previous.node)) {
      // A later sibling of a concurrent evaluation: start it once the previous sibling has ended.
      previous.ended ??= new Promise<void>((resolve) => (previous.end = resolve));
      return previous.ended.then(() => this.push(frame));
    }
    this.push(frame);
    return undefined;
  }

  exit(): void {
    this.lastEntered = undefined;
    const frame = this.frames.pop();
    this.depth--;
    frame?.end?.();
  }

  private push(frame: Frame): void {
    this.depth++;
    if (this.depth > this.max) {
      this.max = this.depth;
      if (this.depth > DepthTracker.highWaterMark) DepthTracker.highWaterMark = this.depth;
    }
    if (this.depth > this.limit) throw new EvaluationDepthExceededError();
    this.frames.push(frame);
  }
}

/** For each node JSONata may evaluate concurrently with its siblings: the array or object constructor it belongs to. */
const PARALLEL_BRANCH_OF = new WeakMap<object, object>();

type Node = jsonata.ExprNode & Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** Records the concurrent siblings of `ast`: array-constructor items and object-constructor values. */
function indexParallelBranches(ast: jsonata.ExprNode): void {
  const pending: unknown[] = [ast];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    const node = value as Node;
    if (node.type === 'unary' && node.value === '[' && Array.isArray(node.expressions)) {
      for (const item of node.expressions) if (isNode(item)) PARALLEL_BRANCH_OF.set(item, node);
    }
    const group = node.type === 'unary' && node.value === '{' ? node : (node.group as Node | undefined);
    if (group && Array.isArray(group.lhs)) {
      for (const pair of group.lhs as unknown[]) if (Array.isArray(pair) && isNode(pair[1])) PARALLEL_BRANCH_OF.set(pair[1], group);
    }
    for (const key of Object.keys(node)) if (key !== 'position' && key !== 'value') pending.push(node[key]);
  }
}

function trackerOf(environment: jsonata.Environment): DepthTracker | undefined {
  const tracker = environment.lookup(DEPTH_BINDING);
  return tracker instanceof DepthTracker ? tracker : undefined;
}

/**
 * Installs the depth hooks on a compiled expression (shared by every evaluation of it); an evaluation is limited
 * when its bindings carry a {@link DepthTracker} under {@link DEPTH_BINDING}.
 */
export function installDepthLimit(expression: jsonata.Expression): void {
  indexParallelBranches(expression.ast());
  const assign = expression.assign as unknown as (name: symbol, value: unknown) => void;
  assign(ENTRY_HOOK, (node: object, _input: unknown, environment: jsonata.Environment) => trackerOf(environment)?.enter(node));
  assign(EXIT_HOOK, (_node: object, _input: unknown, environment: jsonata.Environment) => trackerOf(environment)?.exit());
}

/**
 * Upper bound of the depth JSONata reaches on `ast` when no function defined in the expression is called: the
 * height of the tree (each node's evaluation nests its children's). The fast path (fast-path.ts) calls none, so an
 * expression whose bound is within the limit cannot exceed it there; others run on JSONata with the hooks.
 */
export function treeHeight(ast: jsonata.ExprNode): number {
  let height = 0;
  const reached = new Map<object, number>();
  const pending: Array<[unknown, number]> = [[ast, 0]];
  while (pending.length > 0) {
    const [value, level] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    // Past the limit the exact height no longer matters; this also ends any cycle in the tree.
    if ((reached.get(value) ?? -1) >= level || level > MAX_EVALUATION_DEPTH) continue;
    reached.set(value, level);
    if (Array.isArray(value)) {
      for (const item of value) pending.push([item, level]);
      continue;
    }
    const node = value as Node;
    const here = isNode(node) ? level + 1 : level;
    if (here > height) height = here;
    for (const key of Object.keys(node)) if (key !== 'position' && key !== 'value') pending.push([node[key], here]);
  }
  return height;
}
