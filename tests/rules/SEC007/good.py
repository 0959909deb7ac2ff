"""Chat settings without tokens: Slack's documented placeholder webhook and references."""
import os

SLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]
ONCALL_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
SLACK_APP_LEVEL = "xoxb-your-token-here"
