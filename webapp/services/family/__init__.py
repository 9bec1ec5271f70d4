"""亲友代办: invite codes, the links between a helper and a person, and the check that a helper may act."""
