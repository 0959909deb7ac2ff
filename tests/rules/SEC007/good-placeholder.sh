# Synthetic webhook in the vendor's documented zeroed shape.
SLACK_WEBHOOK_URL="https://hooks.slack.com/services/T00/B00/xxx"
