"""The worker's stays abroad (issue 22). Mounted inside the language prefix."""

from django.urls import path

from . import views

app_name = "cycle"
urlpatterns = [
    path("stays/", views.stays, name="stays"),
    path("stays/depart/", views.depart, name="depart"),
    path("stays/<int:pk>/<slug:name>/", views.move, name="move"),
    path("orientation/session/<int:pk>/", views.session_attendance, name="session_attendance"),
]
