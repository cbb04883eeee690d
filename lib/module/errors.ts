/** The Terraform module could not be synthesized or written; the message names the file, variable or folder. */
export class ModuleBuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModuleBuildError';
  }
}
