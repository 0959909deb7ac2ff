resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name  = "emr"
      image = "registry.example.org/emr:4.2.1"
      user  = "1000:1000"
    },
    {
      # no user: the image's USER applies, judged by the Dockerfile rules
      name  = "worker"
      image = "registry.example.org/worker:4.2.1"
    },
    {
      name  = "rootless"
      image = "registry.example.org/rootless:1.0"
      user  = "rootless"
    }
  ])
}
