"""What the service keeps about itself: the audit log and the text-message outbox."""
