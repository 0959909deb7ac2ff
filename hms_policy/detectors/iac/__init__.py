"""Infrastructure-as-code detectors, grouped by what they read (ECS, compose, Terraform)."""
