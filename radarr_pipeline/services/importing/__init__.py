"""Filing completed downloads (and folders given by hand) into the library, crash-safe; scanning libraries."""
