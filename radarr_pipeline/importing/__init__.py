"""Filing completed downloads into the library, without ever losing a file."""
