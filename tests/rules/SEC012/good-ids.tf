resource "aws_iam_openid_connect_provider" "ci" {
  url = "https://token.actions.example.org"
  thumbprint_list = [
    "5167085dca5ba907adf9d78b1907a92ef5798330", # the issuer's certificate thumbprint
  ]
}
locals {
  vapid_public_key = "ObVzFl8RY5jCPDnc493B6R0ORdkovLfJnygng5WFqfqrZoHAc9NETdywts3HXBau"
  load_checksum    = "0bb2b3147f5e65ab009d53b8ae51064b4d6d71438901f2a1d55f64b6e8a6a627"
}
resource "aws_iam_openid_connect_provider" "backup" {
  url = "https://token.actions.example.org"
  thumbprint_list = [
    "8301f04c87f822624bfb37b09eb98558a1b2c3d4",
  ]
}
