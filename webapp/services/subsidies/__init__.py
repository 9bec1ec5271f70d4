"""Subsidies and funding (补贴/资助): the questions of each measure, the photos sent with them, the
amount decided, the city's sign-off and the payment, on the one application state machine."""
