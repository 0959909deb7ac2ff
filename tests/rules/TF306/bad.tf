# expect: TF306
resource "azurerm_storage_account" "default" {
  name = "hmsdefault"
}

resource "azurerm_storage_account" "legacy" {
  name = "hmslegacy"
  # expect: TF306
  allow_blob_public_access = true
}
