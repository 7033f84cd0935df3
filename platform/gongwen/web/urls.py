"""URLs of the staff pages."""

from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from gongwen.web import views, views_catalog, views_verify

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("documents/verify/", views_verify.verify_document, name="documents-verify"),
    path("definitions/node-catalog.json", views_catalog.node_catalog, name="node-catalog"),
    # Browsers ask for /favicon.ico on every page, the admin's included.
    path("favicon.ico", RedirectView.as_view(url=static("gongwen/favicon.ico"), permanent=True)),
]
