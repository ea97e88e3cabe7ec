"""The Slack adapter: slack-bolt in, Block Kit out; the engine does the interviewing."""
