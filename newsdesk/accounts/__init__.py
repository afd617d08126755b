"""Accounts shared by the web app and the CLI: password hashing, tokens, sign-up rules."""
