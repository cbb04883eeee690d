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
  /** When set, answered instead of the validator's diagnostics (to prove a FAIL stops the plan). */
  forcedDiagnostics: readonly ValidationDiagnostic[] | undefined;
  close(): Promise<void>;
}

/**
 * Starts the emulator server (whose ValidateStateMachineDefinition runs our static validator) and a fake STS.
 * Pass `emulator` to serve an emulator the test also runs executions against.
 */
export async function startOfflineAws(emulator?: RedshiftDataEmulator): Promise<OfflineAws> {
  const validations: ValidationCall[] = [];
  const sts = await startFakeStsServer();
  const offline: { -readonly [K in keyof OfflineAws]: OfflineAws[K] } = {
    endpoints: { sfn: '', sts: sts.url },
    emulatorServer: undefined as unknown as EmulatorServer,
    sts,
    validations,
    forcedDiagnostics: undefined,
    close: async () => {
      await Promise.all([offline.emulatorServer.close(), sts.close()]);
    },
  };
  offline.emulatorServer = await startEmulatorServer({
    ...(emulator ? { emulator } : {}),
    validateDefinition: (definition) => {
      const diagnostics = offline.forcedDiagnostics ?? validateDefinition(definition);
      validations.push({ definition, diagnostics });
      return diagnostics;
    },
  });
  offline.endpoints = { sfn: offline.emulatorServer.url, sts: sts.url };
  return offline;
}
