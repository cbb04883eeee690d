/** The construct's synthesized event-mode definition runs locally (CLI path) with its table and relay: woken, not polled. */
import { STATE_NAMES } from '../../lib/definition';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { runDefinitionLocally } from '../../lib/local-run';
import { CLUSTER_USER, only, parseDefinition, synth } from '../construct/synth-helpers';

const emulator = new RedshiftDataEmulator({ scenario: { defaultDurationSeconds: 600 } });
afterAll(() => emulator.close());

test('each statement is woken by its event through the relay, then described once', async () => {
  const { json } = synth({ ...CLUSTER_USER, stateMachineName: 'nightly-etl' });
  const definition = parseDefinition(only(json, 'aws_sfn_state_machine').definition);
  const result = await runDefinitionLocally(definition, ['select 1', 'select 2'], { emulator, executionName: 'cli-run' });
  expect(result.status).toBe('SUCCEEDED');
  expect(result.durationMs / 1000).toBe(1200);
  expect(result.history.filter((event) => event.type === 'TaskStateEntered' && event.details?.name === 'AwaitCompletionEvent')).toHaveLength(2);
  expect(result.history.some((event) => event.type === 'WaitStateEntered' && event.details?.name === STATE_NAMES.WAIT_FOR_STATEMENT)).toBe(false);
  // Detected at each statement's end (600 s), one DescribeStatement each: no poll.
  expect(emulator.callLog.filter((call) => call.operation === 'DescribeStatement')).toHaveLength(2);
}, 180_000);
