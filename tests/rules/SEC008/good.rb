# SaaS settings without keys.
Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY")
STRIPE_TEST = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
SENDGRID_KEY = ENV["SENDGRID_API_KEY"]
TWILIO_ACCOUNT_SID = ENV["TWILIO_ACCOUNT_SID"]
