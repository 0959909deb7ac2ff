resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name  = "emr"
      image = "registry.example.org/emr:4.2.1"
      environment = [
        # expect: ECS003
        { name = "DB_PASSWORD", value = "Hosp1tal-Records!" },
        { name = "DB_HOST", value = "db.internal" },
        # expect: ECS003
        { name = "STRIPE_API_KEY", value = "k7Qw9ZpL2mXv" },
      ]
    }
  ])
}
