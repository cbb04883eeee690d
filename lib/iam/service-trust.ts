import type { PolicyStatement } from './types';

/**
 * A role trust statement for AWS services, always limited to this account (`aws:SourceAccount`), and to the calling
 * resources when `sourceArn` is given (confused-deputy prevention).
 */
export function serviceTrust(options: {
  readonly sid: string;
  readonly services: readonly string[];
  readonly accountId: string;
  readonly sourceArn?: { readonly test: 'ArnEquals' | 'ArnLike'; readonly values: readonly string[] };
  readonly docUrl: string;
}): PolicyStatement {
  return {
    sid: options.sid,
    effect: 'Allow',
    actions: ['sts:AssumeRole'],
    principals: [{ type: 'Service', identifiers: [...options.services] }],
    conditions: [
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [options.accountId] },
      ...(options.sourceArn ? [{ test: options.sourceArn.test, variable: 'aws:SourceArn', values: [...options.sourceArn.values] }] : []),
    ],
    docUrl: options.docUrl,
  };
}
