/** Thrown by `buildDefinition` when a deploy-time option has a value that can never work. */
export class DefinitionOptionsError extends Error {
  override readonly name = 'DefinitionOptionsError';

  constructor(
    /** The offending option, e.g. `maxRetries`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
