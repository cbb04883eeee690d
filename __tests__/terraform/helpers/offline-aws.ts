import { validateDefinition, ValidationDiagnostic } from '../../../lib/asl-validation';
import { DEFAULT_EMULATOR_ACCOUNT_ID, EmulatorServer, RedshiftDataEmulator, startEmulatorServer } from '../../../lib/emulator';
import type { OfflineEndpoints } from '../../../lib/local-run';

/** The account the emulator server's STS reports; ARNs in planned values carry it. */
export const FAKE_ACCOUNT_ID = DEFAULT_EMULATOR_ACCOUNT_ID;

/** One `ValidateStateMachineDefinition` call the AWS provider made during a plan, and what our validator said. */
export interface ValidationCall {
  readonly definition: unknown;
  readonly diagnostics: readonly ValidationDiagnostic[];
}

/** The emulator server an offline `terraform plan` talks to (as `redshift-query plan-offline` starts it), recording calls. */
export interface OfflineAws {
  readonly endpoints: OfflineEndpoints;
  readonly emulatorServer: EmulatorServer;
  readonly sts: { readonly calls: () => number };
  /** Every definition the provider asked to validate, in order. */
  readonly validations: ValidationCall[];
  /** When set, answered instead of the validator's diagnostics (to prove a FAIL stops the plan). */
  forcedDiagnostics: readonly ValidationDiagnostic[] | undefined;
  close(): Promise<void>;
}

/**
 * Starts the emulator server, which answers Step Functions `ValidateStateMachineDefinition` (our static validator)
 * and STS `GetCallerIdentity`. Pass `emulator` to serve an emulator the test also runs executions against.
 */
export async function startOfflineAws(emulator?: RedshiftDataEmulator): Promise<OfflineAws> {
  const validations: ValidationCall[] = [];
  let stsCalls = 0;
  const state = { forcedDiagnostics: undefined as readonly ValidationDiagnostic[] | undefined };
  const emulatorServer = await startEmulatorServer({
    ...(emulator ? { emulator } : {}),
    accountId: FAKE_ACCOUNT_ID,
    onRequest: (request) => {
      if (request.service === 'STS' && request.operation === 'GetCallerIdentity') stsCalls++;
    },
    validateDefinition: (definition) => {
      const diagnostics = state.forcedDiagnostics ?? validateDefinition(definition);
      validations.push({ definition, diagnostics });
      return diagnostics;
    },
  });
  return {
    endpoints: { sfn: emulatorServer.url, sts: emulatorServer.url },
    emulatorServer,
    sts: { calls: () => stsCalls },
    validations,
    get forcedDiagnostics() {
      return state.forcedDiagnostics;
    },
    set forcedDiagnostics(value) {
      state.forcedDiagnostics = value;
    },
    close: () => emulatorServer.close(),
  };
}
