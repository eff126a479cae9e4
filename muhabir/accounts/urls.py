from django.urls import path

from muhabir.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.manage, name="two_factor"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("recovery-codes/new/", views.recovery_codes_new, name="recovery_codes_new"),
    path("disable/", views.disable, name="disable"),
]
