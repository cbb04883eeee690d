/**
 * EventBridge Scheduler evaluates `ScheduleExpressionTimezone` as an IANA time zone name, spelled as the tz database
 * spells it (`Europe/Paris`; `europe/paris` is not a name there). The runtime's ICU data is the list: it knows the
 * canonical zones (`Intl.supportedValuesOf`) and resolves the tz database's links (`Asia/Kolkata`, `US/Eastern`,
 * `Etc/UTC`), but it resolves them case-insensitively, so spelling is checked here.
 */

const SCHEDULER_TIMEZONE_SOURCE = 'https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html';
const RULE = `AWS: "ScheduleExpressionTimezone: The timezone in which the scheduling expression is evaluated." (${SCHEDULER_TIMEZONE_SOURCE}); names are IANA tz database names such as America/New_York, Europe/Paris, UTC`;

/** Zones every tz database has that ICU lists under another canonical name. */
const UTC_ALIASES = ['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'Etc/GMT', 'GMT', 'UCT', 'Universal', 'Zulu'];

let canonicalZones: Map<string, string> | undefined;

/** Lower-case name → spelling, for the zones the runtime lists plus the UTC aliases. */
function knownZones(): Map<string, string> {
  if (!canonicalZones) {
    const listed = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    canonicalZones = new Map([...listed, ...UTC_ALIASES].map((zone) => [zone.toLowerCase(), zone]));
  }
  return canonicalZones;
}

/** The zone the runtime resolves `zone` to, or undefined when it does not know it. */
function resolve(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * A tz database link the runtime resolves but does not list (`Asia/Kolkata`, `US/Eastern`): accepted when it is
 * spelled like tz database names are, each part starting with a capital and no part shouted in capitals
 * (`US/EASTERN`), except the short all-capital names the database has (`EST5EDT`, `NZ-CHAT`, `GB-Eire`).
 */
function looksLikeTzName(zone: string): boolean {
  return zone.split('/').every((part) => /^[A-Z]/.test(part) && !/^[A-Z]{5,}$/.test(part));
}

/** What is wrong with a Scheduler time zone, or undefined when the name is one AWS and the runtime know. */
export function timeZoneProblem(zone: string): string | undefined {
  if (typeof zone !== 'string' || zone === '') return `must be an IANA time zone name such as 'Europe/Paris'. ${RULE}`;
  const listed = knownZones().get(zone.toLowerCase());
  if (listed === zone) return undefined;
  const resolved = resolve(zone);
  if (listed !== undefined) return `is not spelled as the IANA tz database spells it: use '${listed}'. ${RULE}`;
  if (resolved === undefined) {
    const near = [...knownZones().values()].filter((name) => name.toLowerCase().endsWith(`/${zone.toLowerCase().split('/').pop()}`));
    return `is not an IANA time zone name${near.length > 0 ? ` (did you mean '${near[0]}'?)` : ''}. ${RULE}`;
  }
  if (looksLikeTzName(zone)) return undefined;
  return `is not spelled as the IANA tz database spells it (names are case-sensitive; it resolves to '${resolved}', which you can use). ${RULE}`;
}
