"""Sitemaps and robots.txt, outside the language prefix."""

from django.urls import path

from muhabir.syndication import sitemaps

app_name = "syndication"

urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<int:number>.xml", sitemaps.sitemap_page, name="sitemap_page"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("sitemap-directory.xml", sitemaps.directory_sitemap, name="directory_sitemap"),
]
