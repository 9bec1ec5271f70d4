"""Casework (残联工作台): who a member of staff may see, the district queue, decisions with their
audit rows, the identity check, the ability assessment, and the reason texts to pick from."""
