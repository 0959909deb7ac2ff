resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "sessions"
  # expect: TF109
  at_rest_encryption_enabled = false
}
