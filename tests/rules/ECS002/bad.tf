resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name  = "emr"
      image = "registry.example.org/emr:4.2.1"
      # expect: ECS002
      user  = "root"
    },
    {
      name  = "worker"
      image = "registry.example.org/worker:4.2.1"
      # expect: ECS002
      user  = "0:0"
    }
  ])
}
