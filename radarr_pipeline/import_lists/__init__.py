"""Import lists: fetching the movies a list names (Radarr's list kinds, their real response shapes), with
bounded HTTP and secrets kept out of every message. No policy here: what to add or remove is the service's."""
