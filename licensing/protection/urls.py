"""Help requests (issue 21). Mounted inside the language prefix."""

from django.urls import path

from . import views

app_name = "protection"
urlpatterns = [
    path("help/", views.help_new, name="help_new"),
    path("help/sent/", views.help_filed, name="help_filed"),
    path("help/track/", views.help_track, name="help_track"),
]
