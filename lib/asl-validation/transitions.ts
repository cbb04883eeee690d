import { isJsonObject, type JsonObject } from './json-value';
import type { PathSegment } from './location';

/** One place a state names another state: `Next`, `Default`, `Choices[i].Next` or `Catch[i].Next`. */
export interface Transition {
  readonly fieldPath: readonly PathSegment[];
  readonly target: string;
}

/** The string-valued transitions of a state (non-strings are type errors reported elsewhere). */
export function transitionsOf(state: JsonObject): Transition[] {
  const found: Transition[] = [];
  const add = (fieldPath: PathSegment[], value: unknown): void => {
    if (typeof value === 'string') found.push({ fieldPath, target: value });
  };
  add(['Next'], state.Next);
  if (state.Type === 'Choice') {
    add(['Default'], state.Default);
    if (Array.isArray(state.Choices)) {
      state.Choices.forEach((rule, index) => {
        if (isJsonObject(rule)) add(['Choices', index, 'Next'], rule.Next);
      });
    }
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, index) => {
      if (isJsonObject(catcher)) add(['Catch', index, 'Next'], catcher.Next);
    });
  }
  return found;
}
