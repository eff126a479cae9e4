"""Images carry alt text, credit and caption, and are served from MEDIA_ROOT."""

from __future__ import annotations

from muhabir.images.models import CustomImage


def test_image_keeps_alt_text_credit_and_caption(make_image):
    image = make_image(
        description="Staatssekretär Thorsten Klute am Rednerpult",
        credit="Foto: Wilfried Meyer",
        default_caption="Eröffnung des Kommunalen Integrationszentrums im Kreis Steinfurt",
    )

    stored = CustomImage.objects.get(pk=image.pk)
    assert stored.description == "Staatssekretär Thorsten Klute am Rednerpult"
    assert stored.credit == "Foto: Wilfried Meyer"
    assert stored.default_caption.startswith("Eröffnung")
    assert (stored.width, stored.height) == (64, 48)


def test_factory_credit_reads_like_a_photo_credit(make_image):
    assert make_image().credit.startswith("Foto: ")


def test_uploaded_image_is_served_from_the_current_media_root(
    client, settings, tmp_path, make_image
):
    client.get("/healthz")  # the URLconf is loaded now, before MEDIA_ROOT changes
    settings.MEDIA_ROOT = tmp_path / "other-media"
    image = make_image()

    response = client.get(image.file.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
