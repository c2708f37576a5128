"""The core's data: the inbound and outbound contract, questions, grades, stored records and actions."""
