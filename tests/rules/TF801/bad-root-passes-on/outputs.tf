# Synthetic. The root module prints what it outputs: passing the key on unmarked shows it.
output "storage_key" {
  # expect: TF801
  value = module.storage.primary_access_key
}
