from django.urls import path  # noqa: F401

app_name = "info_campaigns"
urlpatterns: list = []
