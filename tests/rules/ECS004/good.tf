resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name  = "emr"
      image = "registry.example.org/emr:4.2.1"
      environment = [
        { name = "DJANGO_SECURE_SSL_REDIRECT", value = "True" },
        { name = "CSRF_TRUSTED_ORIGINS", value = "https://emr.example.org,http://localhost:8000" },
        { name = "SESSION_COOKIE_SECURE", value = "true" },
        { name = "PUBLIC_URL", value = "http://emr.example.org" },
      ]
    }
  ])
}
