"""The audit log: rows written in the transaction of the change they record, read by administrators."""
