/** ListStatements and CancelStatement as the cleanup machine uses them: a name prefix, Status ALL, cancelling what still runs. */
import { VirtualClock } from '../../lib/clock';
import { PgliteEngine, RedshiftDataEmulator, RedshiftDataError, sequentialIds } from '../../lib/emulator';
import { rejection } from '../helpers/rejection';

jest.setTimeout(180_000);

const engine = new PgliteEngine();
const emulators: RedshiftDataEmulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  await engine.close();
});

const cluster = { ClusterIdentifier: 'analytics', Database: 'dev' };
const OWNER = 'arn:aws:iam::123456789012:role/owner';

async function fourStatements() {
  const clock = new VirtualClock();
  const emulator = new RedshiftDataEmulator({
    clock,
    sqlEngine: engine,
    idFactory: sequentialIds(),
    scenario: { defaultDurationSeconds: 1, statements: [{ match: 'queued', queuedSeconds: 100, durationSeconds: 10 }, { match: 'long', durationSeconds: 1000 }] },
  });
  emulators.push(emulator);
  const submit = (Sql: string, StatementName: string) => emulator.executeStatement({ ...cluster, Sql, StatementName, WithEvent: true }, OWNER);
  const done = await submit('select 1', 'deploy1/exec-a/0/1');
  const queued = await submit("select 'queued'", 'deploy1/exec-a/1/1');
  const running = await submit("select 'long'", 'deploy1/exec-a/2/1');
  const other = await submit("select 'long'", 'deploy1/exec-b/0/1');
  clock.advance(5000);
  return { clock, emulator, ids: { done: done.Id, queued: queued.Id, running: running.Id, other: other.Id } };
}

describe('ListStatements for the cleanup machine', () => {
  test('without Status only FINISHED statements are listed ("By default, only finished statements are shown")', async () => {
    const { emulator, ids } = await fourStatements();
    const listed = await emulator.listStatements({ StatementName: 'deploy1/' }, OWNER);
    expect(listed.Statements.map((s) => s.Id)).toEqual([ids.done]);
  });

  test('Status ALL with an execution prefix lists every statement of that execution, whatever its status', async () => {
    const { emulator, ids } = await fourStatements();
    const listed = await emulator.listStatements({ StatementName: 'deploy1/exec-a/', Status: 'ALL' }, OWNER);
    expect(listed.Statements.map((s) => [s.Id, s.Status])).toEqual([
      [ids.running, 'STARTED'],
      [ids.queued, 'SUBMITTED'],
      [ids.done, 'FINISHED'],
    ]);
    // The prefix match is case-sensitive, and other roles see nothing.
    expect((await emulator.listStatements({ StatementName: 'DEPLOY1/', Status: 'ALL' }, OWNER)).Statements).toEqual([]);
    expect((await emulator.listStatements({ StatementName: 'deploy1/', Status: 'ALL' }, 'arn:aws:iam::123456789012:role/relay')).Statements).toEqual([]);
  });

  test('CancelStatement aborts SUBMITTED and STARTED statements, publishes their events, and refuses finished ones', async () => {
    const { emulator, ids } = await fourStatements();
    for (const id of [ids.queued, ids.running]) expect(await emulator.cancelStatement({ Id: id }, OWNER)).toEqual({ Status: true });
    const statuses = Object.fromEntries(emulator.statements().map((s) => [s.Id, s.Status]));
    expect(statuses).toEqual({ [ids.done]: 'FINISHED', [ids.queued]: 'ABORTED', [ids.running]: 'ABORTED', [ids.other]: 'STARTED' });
    // (clock.advance moves time without firing timers, so only the cancellations have published so far.)
    expect(emulator.eventBus.events.map((e) => [e.detail.statementId, e.detail.state])).toEqual([
      [ids.queued, 'ABORTED'],
      [ids.running, 'ABORTED'],
    ]);
    const refused = await rejection<RedshiftDataError>(emulator.cancelStatement({ Id: ids.done }, OWNER));
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toContain('already in FINISHED state');
  });
});
