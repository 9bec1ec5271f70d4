"""基础信息: resident ID and certificate numbers (checks, encryption, the one reader that decrypts),
the profile questions, consent, evidence photos and uploads, and a person's own data."""
