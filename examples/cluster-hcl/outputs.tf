output "state_machine_arn" {
  description = "ARN of the state machine that runs the SQL."
  value       = module.redshift_query.state_machine_arn
}

output "results_role_arn" {
  description = "Role to assume to read statement results (DescribeStatement, GetStatementResult)."
  value       = module.redshift_query.results_role_arn
}

output "schedule_arn" {
  description = "ARN of the nightly EventBridge Scheduler schedule."
  value       = aws_scheduler_schedule.nightly.arn
}
