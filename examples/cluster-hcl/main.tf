# Nightly maintenance SQL on a provisioned Redshift cluster, run by Step Functions through the Redshift Data API
# (no Lambda), started every night by an EventBridge Scheduler schedule.

provider "aws" {
  region = var.region
}

module "redshift_query" {
  # Built by `npm run build:module`; point this at a published copy (git URL, registry) in your own configuration.
  source = "../../dist/terraform-module"

  state_machine_name = "${var.name}-maintenance"

  default_cluster_id = var.cluster_identifier
  default_db         = var.database
  default_user       = var.db_user

  initial_wait_time = 10
  base_wait_time    = 20
  wait_multiplier   = 1.5
  max_wait          = 300
  max_retries       = 3

  # Read-only access to statement results for these principals (they can never run SQL).
  results_role_aws_principals = var.results_readers

  logging_level = "ERROR"
  tags          = var.tags
}

# --- The schedule -----------------------------------------------------------------------------------------------

resource "aws_iam_role" "scheduler" {
  name_prefix        = "${var.name}-scheduler-"
  assume_role_policy = data.aws_iam_policy_document.scheduler_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}

# The schedule may start this one state machine, nothing else.
resource "aws_iam_role_policy" "scheduler_start_execution" {
  name = "start-redshift-query"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "states:StartExecution"
      Resource = module.redshift_query.state_machine_arn
    }]
  })
}

resource "aws_scheduler_schedule" "nightly" {
  name                         = "${var.name}-nightly"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = module.redshift_query.state_machine_arn
    role_arn = aws_iam_role.scheduler.arn

    # The execution input: a list of queries, run one after the other. A plain string uses the module's defaults;
    # an object can override them per query. In HCL strings a literal "${" is written "$${".
    input = jsonencode([
      "ANALYZE sales;",
      {
        ExecuteStatementParameters = {
          Sql = "DELETE FROM staging_events WHERE loaded_at < DATEADD(day, -7, GETDATE());"
        }
        MaxRetries = 0
      },
      "VACUUM DELETE ONLY staging_events;",
    ])

    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 3
    }
  }
}
