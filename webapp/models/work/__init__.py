"""Work with employers: employers, interviews and shared passports, fairs, follow-ups, the graduates' ledger."""
