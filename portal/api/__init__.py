"""Regional data exchange API (/api/v1/): shared infrastructure (tokens, scopes, errors)."""
