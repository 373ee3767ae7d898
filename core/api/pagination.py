"""API pagination: pages of 50 by default, up to 500 on request."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M` with a cap so one request cannot ask for everything."""

    page_size_query_param = "page_size"
    max_page_size = 500
