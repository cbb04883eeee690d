import { validateDefinition, ValidationDiagnostic } from '../../../lib/asl-validation';
import { EmulatorServer, RedshiftDataEmulator, startEmulatorServer } from '../../../lib/emulator';
import { FakeStsServer, startFakeStsServer } from './fake-sts-server';
import { OfflineEndpoints } from './fake-aws-provider';

/** One `ValidateStateMachineDefinition` call the AWS provider made during a plan, and what our validator said. */
export interface ValidationCall {
  readonly definition: unknown;
  readonly diagnostics: readonly ValidationDiagnostic[];
}

/** The loopback services an offline `terraform plan` of the module talks to. */
export interface OfflineAws {
  readonly endpoints: OfflineEndpoints;
  readonly emulatorServer: EmulatorServer;
  readonly sts: FakeStsServer;
  /** Every definition the provider asked to validate, in order. */
  readonly validations: ValidationCall[];
  close(): Promise<void>;
}

/**
 * Starts the emulator server (whose ValidateStateMachineDefinition runs our static validator) and a fake STS.
 * Pass `emulator` to serve an emulator the test also runs executions against.
 */
export async function startOfflineAws(emulator?: RedshiftDataEmulator): Promise<OfflineAws> {
  const validations: ValidationCall[] = [];
  const emulatorServer = await startEmulatorServer({
    ...(emulator ? { emulator } : {}),
    validateDefinition: (definition) => {
      const diagnostics = validateDefinition(definition);
      validations.push({ definition, diagnostics });
      return diagnostics;
    },
  });
  const sts = await startFakeStsServer();
  return {
    endpoints: { sfn: emulatorServer.url, sts: sts.url },
    emulatorServer,
    sts,
    validations,
    close: async () => {
      await Promise.all([emulatorServer.close(), sts.close()]);
    },
  };
}
