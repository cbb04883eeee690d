/** The report's event-completion section: original, ours polling and ours in event mode, side by side. */
import { PRICES } from '../compare/pricing';
import { ASSUMED_EVENT_DELAY_SECONDS } from '../compare/run-event-system';
import type { ScenarioComparison, SystemMetrics } from '../compare/system-metrics';
import { formatCount, formatPercent, formatSeconds, formatUsd, table } from './format';

export function renderEventSection(scenarios: readonly ScenarioComparison[], historyLimit: number): string[] {
  const withEvent = scenarios.filter((s) => s.oursEvent);
  if (withEvent.length === 0) return [];
  const three = (s: ScenarioComparison, pick: (m: SystemMetrics) => string) =>
    [s.original, s.ours, s.oursEvent].map((m) => (m ? pick(m) : '—')).join(' / ');
  const status = (m: SystemMetrics) => (m.status === 'SUCCEEDED' ? 'yes' : `no (${m.error ?? m.status})`);
  const rows = withEvent.map((s) => [
    `(${s.id})`,
    three(s, status),
    three(s, (m) => formatCount(m.transitions)),
    three(s, (m) => `${formatCount(m.historyEvents)} (${formatPercent(m.historyEvents / historyLimit)})`),
    three(s, (m) => formatUsd(m.cost.totalUsd)),
    three(s, (m) => `${formatSeconds(m.latency.meanMs)} (max ${formatSeconds(m.latency.maxMs)})`),
  ]);
  const companions = withEvent.map((s) => `(${s.id}) ${formatUsd(s.oursEvent!.cost.companionsUsd ?? 0)}`).join(', ');
  return [
    '## Event completion mode: original / ours polling / ours event',
    '',
    table(['scenario', 'completes', 'billed transitions', `history events (% of ${formatCount(historyLimit)})`, 'cost per execution', 'mean (max) detection latency'], rows),
    '',
    `- Event mode runs the main machine, the Express relay (started by the statement-event rule) and the completion table on ` +
      `the local cloud, one virtual clock. **Assumed event delay: ${ASSUMED_EVENT_DELAY_SECONDS} s** from a statement's end to ` +
      'the relay\'s start (Redshift\'s emission delay is undocumented and unmeasured; EventBridge adds ~0.5 s); the detection ' +
      'latency column is that assumption plus the DescribeStatement after the wake-up. A lost event costs at most ' +
      '`eventFallbackSeconds` (7,200 s by default) of latency.',
    `- Event-mode cost includes the companions at published us-east-1 prices: Express $${PRICES.expressRequest * 1e6} per million ` +
      `requests + $${PRICES.expressGbSecond} per GB-s at 64 MB in 100 ms steps, DynamoDB on-demand $${PRICES.dynamoDbWriteUnit * 1e6} per ` +
      'million write units (2 per statement: token, completion), EventBridge AWS service events free. Companion share: ' +
      `${companions}.`,
    '- The cleanup machine (cancel on stop) runs only when an execution is stopped, times out or fails: not in these runs.',
  ];
}
