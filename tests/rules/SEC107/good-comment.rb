Devise.setup do |config|
  # The generator's commented-out default is not in effect:
  # config.secret_key = '0bb2b3147f5e65ab009d53b8ae51064b4d6d71438901f2a1d55f64b6e8a6a627'
  config.secret_key = ENV["DEVISE_SECRET_KEY"]
end
