"""Thai e-mail notices: templates with placeholders, the outbox, automatic reminders."""
