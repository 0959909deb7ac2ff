# The module's bucket gets no valid algorithm: reported at the module call.
# expect: TF103
module "store" {
  source        = "./store"
  name          = "hms-module-bucket"
  sse_algorithm = "none"
}
