"""Synthetic chat tokens for hms-policy's fixtures."""
# expect: SEC007
SLACK_BOT_TOKEN = "xoxb-51079911838-4251354278498-a9tgiqhg9jrsnvnq65qdf1rc"
# expect: SEC007
ONCALL_WEBHOOK = "https://hooks.slack.com/services/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"
# expect: SEC007
TELEGRAM = "196556981:XyGf3azU3iQOpMN0PZLqy1WwMZaMKA3P744"
