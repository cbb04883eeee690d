import { Command } from 'commander';
import { resolveUserPath } from '../read-input';
import { buildDefinition } from '../../definition';
import { writeFileAtomic } from '../write-file-atomic';
import type { CommandContext } from './command-context';
import { addDefinitionFlags, DefinitionFlags, definitionOptionsFromFlags, inFlagTerms } from './definition-flags';

interface DefinitionCommandFlags extends DefinitionFlags {
  readonly out?: string;
}

/** `definition`: prints (or writes) the generated state machine definition for the given deploy-time options. */
export function definitionCommand(context: CommandContext): Command {
  const command = new Command('definition')
    .description('print the generated state machine definition (ASL JSON) for the given deploy-time options')
    .option('--out <file>', 'write the definition to this file (atomically) instead of standard output');
  addDefinitionFlags(command).action(async (flags: DefinitionCommandFlags) => {
    let definition;
    try {
      definition = buildDefinition(definitionOptionsFromFlags(flags));
    } catch (error) {
      throw inFlagTerms(error);
    }
    const json = `${JSON.stringify(definition, null, 2)}\n`;
    if (flags.out === undefined) {
      context.io.stdout.write(json);
      return;
    }
    await writeFileAtomic(resolveUserPath(flags.out, context.io), json);
    context.io.stderr.write(`Wrote ${flags.out} (${json.length} bytes)\n`);
  });
  return command;
}
