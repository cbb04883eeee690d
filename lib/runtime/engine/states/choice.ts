/** Choice: the first rule whose Condition is true wins; its Output/Assign replace the state-level ones. */
import { StatesError, StatesErrors } from '../../errors';
import { evaluateTemplate } from '../../jsonata/template';
import type { ChoiceState } from '../compiled-machine';
import type { StateOutcome, StateRun } from '../state-run';

export async function runChoice(run: StateRun<ChoiceState>): Promise<StateOutcome> {
  const { state } = run;
  const env = run.env();
  for (const rule of state.choices) {
    const matched = await evaluateTemplate(rule.condition, env);
    if (typeof matched !== 'boolean') throw run.unexpectedType(rule.condition, `Choices[${rule.index}]/Condition`, 'boolean', matched);
    if (matched) {
      const assignField = rule.assign ? `Choices[${rule.index}]/Assign` : 'Assign';
      return run.finish(env, run.input, rule.next, rule.output ?? state.output, rule.assign ?? state.assign, assignField);
    }
  }
  if (state.default !== undefined) return run.finish(env, run.input, state.default);
  throw new StatesError(
    StatesErrors.NoChoiceMatched,
    `An error occurred while executing the state '${state.name}' (entered at the event id #${run.enteredEventId}). No Choice rule matched the input and the state has no Default.`,
  );
}
