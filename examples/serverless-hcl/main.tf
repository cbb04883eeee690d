# SQL on a Redshift Serverless workgroup, run by Step Functions through the Redshift Data API (no Lambda).
# Start it from anything that can call states:StartExecution (see README.md).

provider "aws" {
  region = var.region
}

module "redshift_query" {
  # Built by `npm run build:module`; point this at a published copy (git URL, registry) in your own configuration.
  source = "../../dist/terraform-module"

  state_machine_name = var.name

  default_workgroup_name = var.workgroup_name
  default_db             = var.database
  # Without a secret the Data API signs in with the IAM identity of the task (redshift-serverless:GetCredentials).
  default_secret_arn = var.secret_arn

  # Cancel and fail any statement still running after an hour.
  default_timeout_seconds = 3600

  logging_level      = "ALL"
  log_retention_days = 30
  tracing    = true

  tags = {
    Project = var.name
  }
}
