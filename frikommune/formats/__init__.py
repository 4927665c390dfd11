"""The portal's own date and time formats per language (FORMAT_MODULE_PATH), read by |date and |time."""
