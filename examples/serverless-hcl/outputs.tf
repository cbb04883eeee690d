output "state_machine_arn" {
  description = "ARN of the state machine that runs the SQL."
  value       = module.redshift_query.state_machine_arn
}

output "state_machine_name" {
  description = "Name of the state machine."
  value       = module.redshift_query.state_machine_name
}

output "results_role_arn" {
  description = "Role the Redshift Data API calls run under; assume it to read statement results."
  value       = module.redshift_query.results_role_arn
}
