variable "region" {
  description = "AWS region of the workgroup and the state machine."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Name of the state machine (and prefix of the other resource names)."
  type        = string
  default     = "serverless-sql"
}

variable "workgroup_name" {
  description = "Redshift Serverless workgroup the SQL runs on."
  type        = string
  default     = "analytics"
}

variable "database" {
  description = "Database the SQL runs in."
  type        = string
  default     = "dev"
}

variable "secret_arn" {
  description = "Secrets Manager secret with the database credentials; null signs in with the task's IAM identity."
  type        = string
  default     = null
}
