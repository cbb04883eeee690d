variable "region" {
  description = "AWS region of the cluster and the state machine."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Prefix of every resource name of this example."
  type        = string
  default     = "analytics"
}

variable "cluster_identifier" {
  description = "Identifier of the provisioned Redshift cluster the SQL runs on."
  type        = string
  default     = "analytics-cluster"
}

variable "database" {
  description = "Database the SQL runs in."
  type        = string
  default     = "dev"
}

variable "db_user" {
  description = "Database user the Data API connects as (temporary credentials through redshift:GetClusterCredentials)."
  type        = string
  default     = "etl"
}

variable "schedule_expression" {
  description = "When the maintenance runs: an EventBridge Scheduler cron(...) or rate(...) expression."
  type        = string
  default     = "cron(0 3 * * ? *)"
}

variable "schedule_timezone" {
  description = "IANA time zone of schedule_expression."
  type        = string
  default     = "Europe/Amsterdam"
}

variable "results_readers" {
  description = "AWS account IDs or IAM ARNs allowed to read statement results through the results role."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default = {
    Project = "redshift-maintenance"
  }
}
