variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name  = "emr"
      image = "registry.example.org/emr:4.2.1"
      environment = [
        { name = "DB_HOST", value = "db.internal" },
        { name = "PASSWORD_MIN_LENGTH", value = "12" },
        { name = "DB_PASSWORD_FILE", value = "/run/secrets/db" },
        { name = "APP_SECRET_NAME", value = "prod/emr/app" },
        { name = "DB_PASSWORD", value = var.db_password },
        { name = "SMTP_PASSWORD", value = "" },
        { name = "API_TOKEN", value = "changeme" },
      ]
      secrets = [
        { name = "ADMIN_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:emr-admin" },
      ]
    }
  ])
}
