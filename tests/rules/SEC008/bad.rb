# Synthetic SaaS keys for hms-policy's fixtures.
# expect: SEC008
Stripe.api_key = "sk_live_RnGEY59YVkQfsGQONvf08WpR"
# expect: SEC008
SENDGRID_KEY = "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"
# expect: SEC008
TWILIO_API_KEY = "SKldqyun3uvyr0qf4b8dwoecbpmbjpi4hn"
# expect: SEC008
OPENAI = "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"
