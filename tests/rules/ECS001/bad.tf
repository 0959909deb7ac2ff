resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name      = "emr"
      image     = "registry.example.org/emr:4.2.1"
      essential = true
      # expect: ECS001
      privileged = true
    }
  ])
}

resource "aws_ecs_task_definition" "agent" {
  family                = "agent"
  container_definitions = <<DEFS
[
  {
    "name": "agent",
    "image": "registry.example.org/agent:1.0.0",
    "privileged": true
  }
]
DEFS
}
