"""Seed and demo data: the demo organisation and the large scale portfolio, apart from the product.

Builds its data through the apps' models, domain functions and services; no product app imports it.
"""
