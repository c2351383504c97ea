"""Every published campaign and guide has an A4 leaflet whose QR code leads back to the page."""

import io

import pytest
import segno
from django.conf import settings
from django.core.files.storage import default_storage
from pypdf import PdfReader

from info_campaigns.models import Leaflet
from info_campaigns.services import QR_BORDER, QR_OPTIONS, QR_SCALE, leaflet_build

from .factories import campaign_create, centre_create, guide_create, hotline_create, publish

pytestmark = pytest.mark.django_db


def _pdf(response) -> bytes:
    return b"".join(response.streaming_content)


def _qr_modules(pil_image, size: int) -> list[list[int]]:
    """Read the dark/light modules back from the QR image embedded in the PDF."""
    image = pil_image.convert("L")
    return [
        [
            1
            if image.getpixel(
                (
                    (c + QR_BORDER) * QR_SCALE + QR_SCALE // 2,
                    (r + QR_BORDER) * QR_SCALE + QR_SCALE // 2,
                )
            )
            < 128
            else 0
            for c in range(size)
        ]
        for r in range(size)
    ]


def _assert_qr_encodes(reader: PdfReader, url: str):
    expected = segno.make(url, **QR_OPTIONS)
    size = len(expected.matrix)
    images = [img.image for page in reader.pages for img in page.images]
    assert images, "the leaflet has no image"
    side = (size + 2 * QR_BORDER) * QR_SCALE
    qr_images = [img for img in images if img.size == (side, side)]
    assert qr_images, f"no {side}px QR image among {[i.size for i in images]}"
    assert _qr_modules(qr_images[0], size) == [list(row) for row in expected.matrix]


def test_publishing_builds_the_leaflet_in_the_background(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = campaign_create(tree["ru"]["campaigns"])
    leaflet = Leaflet.objects.get(page=page)
    assert leaflet.revision_id == page.live_revision_id
    assert default_storage.exists(leaflet.file.name)
    assert leaflet.url == f"{settings.SITE_URL}/ru/campaigns/fees/"


def test_leaflet_is_a_valid_a4_pdf_with_the_url_and_a_qr_code(
    tree, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign_create(tree["en"]["campaigns"])
    response = client.get("/en/campaigns/fees/leaflet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = _pdf(response)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    url = f"{settings.SITE_URL}/en/campaigns/fees/"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert url in text
    assert "Recruitment fees are the employer's to pay" in text
    assert "Who pays the recruitment fee?" in text  # folded answers print open
    _assert_qr_encodes(reader, url)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("tg", "Ҳаққи миёнаравиро корфармо месупорад"),
        ("uz", "Yollash haqini ish beruvchi toʻlaydi"),
        ("tk", "Işe almak üçin tölegi iş beriji töleýär: ýüz göteriň"),
        ("ky", "Жумушка алуу акысын иш берүүчү төлөйт"),
    ],
)
def test_leaflet_text_is_in_the_page_language(tree, code, title):
    page = campaign_create(tree[code]["campaigns"], title=title)
    leaflet = leaflet_build(page_id=page.pk)
    with leaflet.file.open("rb") as fh:
        reader = PdfReader(fh)
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert title in text  # the fonts cover Tajik, Kyrgyz Cyrillic and Latin Uzbek, Turkmen
    _assert_qr_encodes(reader, f"{settings.SITE_URL}/{code}/campaigns/fees/")


def test_guide_leaflet_lists_emergency_numbers_and_help(tree):
    page = guide_create(tree["ru"]["guides"], hotline=hotline_create(), centre=centre_create())
    leaflet = leaflet_build(page_id=page.pk)
    with leaflet.file.open("rb") as fh:
        text = " ".join(p.extract_text() for p in PdfReader(fh).pages)
    for expected in (
        "112",
        "+7 700 000 00 00",
        "Migrant resource centre",
        f"{settings.SITE_URL}/ru/guides/kazakhstan/",
    ):
        assert expected in text


def test_missing_leaflet_is_queued_not_built_in_the_request(
    tree, client, django_capture_on_commit_callbacks
):
    page = campaign_create(tree["ru"]["campaigns"])  # on-commit hook not run: nothing built
    assert not Leaflet.objects.filter(page=page).exists()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.get("/ru/campaigns/fees/leaflet.pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert len(queued) == 1  # the build was queued, after the response was decided
    response = client.get("/ru/campaigns/fees/leaflet.pdf")  # the worker has built it
    assert response.status_code == 200
    assert _pdf(response).startswith(b"%PDF-")


def test_republishing_rebuilds_and_replaces_the_file(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = campaign_create(tree["ru"]["campaigns"])
    first = Leaflet.objects.get(page=page).file.name
    page.title = "Updated title"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    leaflet = Leaflet.objects.get(page=page)
    assert leaflet.revision_id == page.live_revision_id
    assert leaflet.file.name != first
    assert not default_storage.exists(first)
    with leaflet.file.open("rb") as fh:
        assert "Updated title" in PdfReader(fh).pages[0].extract_text()


def test_deleting_a_page_deletes_its_leaflet_file(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = campaign_create(tree["ru"]["campaigns"])
    name = Leaflet.objects.get(page=page).file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not Leaflet.objects.filter(file=name).exists()
    assert not default_storage.exists(name)


def test_unpublished_or_unknown_pages_have_no_leaflet(tree, client):
    campaign_create(tree["ru"]["campaigns"], live=False)
    assert client.get("/ru/campaigns/fees/leaflet.pdf").status_code == 404
    assert client.get("/ru/campaigns/leaflet.pdf").status_code == 404  # index: no leaflet
    assert client.get("/ru/nowhere/leaflet.pdf").status_code == 404
