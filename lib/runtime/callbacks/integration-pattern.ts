/**
 * Service integration patterns named by a Task Resource's suffix: request-response (none), `.sync` / `.sync:2`
 * (run a job) and `.waitForTaskToken` (callback). The handler of a callback Task is the one of the Resource
 * without its suffix.
 */
import type { ValidationDiagnostic } from '../../asl-validation';
import type { StateMachineType } from '../types';

export type IntegrationPattern = 'request-response' | 'sync' | 'callback';

const CALLBACK_SUFFIX = '.waitForTaskToken';

export function integrationPattern(resource: string): IntegrationPattern {
  if (!resource.startsWith('arn:aws:states:::')) return 'request-response';
  if (resource.endsWith(CALLBACK_SUFFIX)) return 'callback';
  return /\.sync(:\d+)?$/.test(resource) ? 'sync' : 'request-response';
}

/** The Resource a callback Task's handler is registered under: the resource without `.waitForTaskToken`. */
export function handlerResource(resource: string): string {
  return resource.endsWith(CALLBACK_SUFFIX) ? resource.slice(0, -CALLBACK_SUFFIX.length) : resource;
}

/**
 * What CreateStateMachine refuses for an EXPRESS machine, with AWS's message (LocalStack's AWS-recorded snapshot
 * `test_sfn_api_express.snapshot.json`, test_illegal_callbacks): "Express state machine does not support
 * '.waitForTaskToken' service integration" / "'.sync' service integration", at the Resource's location.
 */
export function expressDiagnostics(definition: unknown, type: StateMachineType): ValidationDiagnostic[] {
  if (type !== 'EXPRESS') return [];
  const found: ValidationDiagnostic[] = [];
  const visit = (machine: unknown, location: string): void => {
    const states = (machine as { States?: unknown } | null)?.States;
    if (!states || typeof states !== 'object') return;
    for (const [name, state] of Object.entries(states as Record<string, Record<string, unknown>>)) {
      const here = `${location}/States/${name}`;
      if (!state || typeof state !== 'object') continue;
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const pattern = integrationPattern(state.Resource);
        if (pattern !== 'request-response') {
          const suffix = pattern === 'callback' ? CALLBACK_SUFFIX : '.sync';
          found.push({
            severity: 'ERROR',
            code: 'SCHEMA_VALIDATION_FAILED',
            message: `Express state machine does not support '${suffix}' service integration`,
            location: `${here}/Resource`,
          });
        }
      }
      if (state.ItemProcessor) visit(state.ItemProcessor, `${here}/ItemProcessor`);
      if (state.Iterator) visit(state.Iterator, `${here}/Iterator`);
      if (Array.isArray(state.Branches)) state.Branches.forEach((branch, i) => visit(branch, `${here}/Branches[${i}]`));
    }
  };
  visit(definition, '');
  return found;
}
