"""The API's shared parts: one error format, one viewset shape, pagination."""
