module "store" {
  source        = "./store"
  name          = "hms-module-bucket"
  sse_algorithm = "aws:kms"
}
