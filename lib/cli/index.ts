export { makeProgram, runCli, MakeProgramOptions } from './program';
export { ExitCode, EXIT_CODES_HELP, COMMAND_EXIT_CODES_HELP } from './exit-codes';
export { CliIo, OutputStream, processIo } from './cli-io';
export { CliInputError } from './errors';
export type { CommandContext } from './commands/command-context';
