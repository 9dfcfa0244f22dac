"""One screen module per job."""
