Rails.application.configure do
  config.cache_classes = true
  # expect: CFG012
  config.force_ssl = false
end
