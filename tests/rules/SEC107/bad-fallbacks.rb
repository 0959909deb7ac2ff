# Synthetic: committed fallbacks for the framework's signing secret.
# expect: SEC107
ENV["SECRET_KEY_BASE"] ||= "0bb2b3147f5e65ab009d53b8ae51064b4d6d71438901f2a1d55f64b6e8a6a627"
# expect: SEC107
base = ENV.fetch("SECRET_KEY_BASE", "9f2c7a61e0b84d3f5a1c6e8b2d4f7a90c3e5b1d8f6a2c4e7b9d0f1a3c5e7b9d2")
