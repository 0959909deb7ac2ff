resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name  = "emr"
      image = "registry.example.org/emr:4.2.1"
      environment = [
        # expect: ECS004
        { name = "DJANGO_SECURE_SSL_REDIRECT", value = "False" },
        # expect: ECS004
        { name = "CSRF_TRUSTED_ORIGINS", value = "https://emr.example.org,http://emr.example.org" },
        # expect: ECS004
        { name = "SESSION_COOKIE_SECURE", value = "false" },
      ]
    }
  ])
}
