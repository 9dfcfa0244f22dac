"""Small widgets named after what the reader sees."""
