resource "aws_ecs_task_definition" "emr" {
  family = "emr"
  container_definitions = jsonencode([
    {
      name       = "emr"
      image      = "registry.example.org/emr:4.2.1"
      essential  = true
      privileged = false
      linuxParameters = { capabilities = { add = ["NET_BIND_SERVICE"] } }
    }
  ])
}

resource "aws_ecs_task_definition" "from_file" {
  family                = "from-file"
  container_definitions = file("${path.module}/containers.json")
}
