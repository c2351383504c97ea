from django.urls import path

from . import views

app_name = "telegram"

urlpatterns = [
    path("dashboard/telegram/", views.account_telegram, name="account"),
]
