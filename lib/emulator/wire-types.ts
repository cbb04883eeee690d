/**
 * Request and response shapes of the Redshift Data API, with AWS's PascalCase field names
 * (cells and column metadata keep AWS's camelCase). Dates are `Date` objects, as the AWS SDK returns them.
 */

export type StatusString = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'ABORTED' | 'FAILED';
export type StatusFilter = StatusString | 'ALL';
export type ResultFormat = 'JSON' | 'CSV';
export type ExecutionMode = 'TRANSACTION' | 'AUTO_COMMIT';

export interface SqlParameter {
  readonly name: string;
  readonly value: string;
}

/** Fields shared by ExecuteStatement and BatchExecuteStatement. */
export interface StatementTarget {
  readonly ClusterIdentifier?: string;
  readonly WorkgroupName?: string;
  readonly Database?: string;
  readonly DbUser?: string;
  readonly SecretArn?: string;
  readonly StatementName?: string;
  readonly WithEvent?: boolean;
  readonly ClientToken?: string;
  readonly SessionId?: string;
  readonly SessionKeepAliveSeconds?: number;
  readonly ResultFormat?: ResultFormat;
  readonly Parameters?: readonly SqlParameter[];
  /** Wait up to this many seconds (0..30) for the statement to end before answering. @default 0 */
  readonly WaitTimeSeconds?: number;
}

export interface ExecuteStatementRequest extends StatementTarget {
  readonly Sql: string;
}

export interface BatchExecuteStatementRequest extends StatementTarget {
  readonly Sqls: readonly string[];
  /** @default 'TRANSACTION' */
  readonly ExecutionMode?: ExecutionMode;
}

/** Where a statement runs and as whom, as ExecuteStatement and DescribeStatement echo it back. */
export interface StatementTargetData {
  readonly ClusterIdentifier?: string;
  readonly WorkgroupName?: string;
  readonly Database?: string;
  readonly DbUser?: string;
  readonly SecretArn?: string;
  readonly SessionId?: string;
}

export interface ExecuteStatementResponse extends StatementTargetData {
  readonly Id: string;
  readonly CreatedAt: Date;
  readonly DbGroups?: readonly string[];
}

export type BatchExecuteStatementResponse = ExecuteStatementResponse;

export interface DescribeStatementRequest {
  readonly Id: string;
}

/** How a statement, or one sub-statement of a batch, ran: what DescribeStatement reports for both. */
export interface StatementRunData {
  readonly Id: string;
  readonly Status: StatusString;
  readonly Error?: string;
  readonly Duration: number;
  readonly ResultRows: number;
  readonly ResultSize: number;
  readonly HasResultSet: boolean;
  readonly RedshiftQueryId: number;
  readonly CreatedAt: Date;
  readonly UpdatedAt: Date;
}

export interface SubStatementData extends StatementRunData {
  readonly QueryString: string;
}

export interface DescribeStatementResponse extends StatementRunData, StatementTargetData {
  readonly RedshiftPid: number;
  readonly QueryString?: string;
  readonly QueryParameters?: readonly SqlParameter[];
  readonly ResultFormat?: ResultFormat;
  readonly SubStatements?: readonly SubStatementData[];
}

export interface GetStatementResultRequest {
  readonly Id: string;
  readonly NextToken?: string;
}

/** One cell: exactly one key is present, as AWS's `Field` union. */
export type Field =
  | { readonly isNull: true }
  | { readonly booleanValue: boolean }
  | { readonly longValue: number }
  | { readonly doubleValue: number }
  | { readonly stringValue: string }
  | { readonly blobValue: Uint8Array };

export interface ColumnMetadata {
  readonly name: string;
  readonly label: string;
  readonly typeName: string;
  /** 0 = not nullable, 1 = nullable, 2 = unknown (JDBC's convention, as AWS returns it). */
  readonly nullable: number;
  readonly precision: number;
  readonly scale: number;
  readonly length: number;
  readonly isSigned: boolean;
  readonly isCaseSensitive: boolean;
  readonly isCurrency: boolean;
  readonly schemaName: string;
  readonly tableName: string;
  readonly columnDefault?: string;
}

export interface GetStatementResultResponse {
  readonly Records: readonly (readonly Field[])[];
  readonly ColumnMetadata: readonly ColumnMetadata[];
  readonly TotalNumRows: number;
  readonly NextToken?: string;
}

export interface GetStatementResultV2Response {
  readonly Records: readonly { readonly CSVRecords: string }[];
  readonly ColumnMetadata: readonly ColumnMetadata[];
  readonly TotalNumRows: number;
  readonly ResultFormat: 'CSV';
  readonly NextToken?: string;
}

export interface CancelStatementRequest {
  readonly Id: string;
}

export interface CancelStatementResponse {
  readonly Status: boolean;
}

export interface ListStatementsRequest {
  /** @default 100 (AWS's maximum) */
  readonly MaxResults?: number;
  readonly NextToken?: string;
  /** Only statements whose name starts with this (case-sensitive prefix, as AWS). */
  readonly StatementName?: string;
  /** @default 'ALL' */
  readonly Status?: StatusFilter;
  /** @default true: only the caller's statements (the emulator has no wider role level). */
  readonly RoleLevel?: boolean;
  readonly ClusterIdentifier?: string;
  readonly WorkgroupName?: string;
  readonly Database?: string;
}

export interface StatementData {
  readonly Id: string;
  readonly Status: StatusString;
  readonly QueryString?: string;
  readonly QueryStrings?: readonly string[];
  readonly IsBatchStatement: boolean;
  readonly StatementName?: string;
  readonly SecretArn?: string;
  readonly QueryParameters?: readonly SqlParameter[];
  readonly ResultFormat?: ResultFormat;
  readonly SessionId?: string;
  readonly CreatedAt: Date;
  readonly UpdatedAt: Date;
}

export interface ListStatementsResponse {
  readonly Statements: readonly StatementData[];
  readonly NextToken?: string;
}
