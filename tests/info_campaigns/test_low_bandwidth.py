"""Light enough for 3G: a campaign page without images is at most 50 KB compressed (HTML and
CSS), works without JavaScript, and images are responsive WebP renditions loaded lazily."""

import gzip
import io
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from info_campaigns.blocks import ImageBlock
from info_campaigns.demo import content_pages, page_fields

from .factories import campaign_create, guide_create, hotline_create

pytestmark = pytest.mark.django_db
BUDGET = 50 * 1024


def _css_bytes(html: str) -> bytes:
    total = b""
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        path = settings.BASE_DIR / "static" / href.removeprefix(settings.STATIC_URL)
        total += path.read_bytes()
    return total


def _transfer(client, path: str) -> tuple[bytes, bytes]:
    html = client.get(path).content
    return html, _css_bytes(html.decode())


@pytest.mark.parametrize("code", ["ru", "tg"])
def test_campaign_page_transfers_under_50_kb_compressed(tree, client, code):
    """The longest demo campaign, as a migrant's phone would download it."""
    longest = max(content_pages("campaigns"), key=lambda data: len(str(data.texts.get(code))))
    campaign_create(
        tree[code]["campaigns"],
        **page_fields(longest, code, hotlines={"karavan-line": hotline_create()}),
    )
    html, css = _transfer(client, f"/{code}/campaigns/fees/")
    compressed = len(gzip.compress(html)) + len(gzip.compress(css))
    print(f"{code}: HTML {len(html)} B, CSS {len(css)} B, gzip total {compressed} B")
    assert compressed <= BUDGET
    assert b"<script" not in html  # nothing to download, nothing to run
    assert len(css) <= 15 * 1024


@pytest.mark.parametrize("code", ["ru", "ky"])
def test_guide_page_transfers_under_50_kb_compressed(tree, client, code):
    """The longest demo guide, with its embassies and "not yet verified" notices."""
    longest = max(content_pages("guides"), key=lambda data: len(str(data.texts[code])))
    page = guide_create(
        tree[code]["guides"], hotline=hotline_create(), **page_fields(longest, code, hotlines={})
    )
    html, css = _transfer(client, page.url)
    compressed = len(gzip.compress(html)) + len(gzip.compress(css))
    print(f"{code} {longest.slug}: HTML {len(html)} B, gzip total {compressed} B")
    assert compressed <= BUDGET
    assert b"<script" not in html


def _image(width=1600, height=900):
    buf = io.BytesIO()
    PILImage.new("RGB", (width, height), (11, 83, 148)).save(buf, "PNG")
    return get_image_model().objects.create(
        title="Border crossing", file=ImageFile(buf, name="border.png")
    )


def test_images_are_responsive_webp_lazy_with_dimensions(tree, client):
    image = _image()
    campaign_create(
        tree["en"]["campaigns"],
        body=[
            (
                "image",
                {
                    "image": image,
                    "alt": "Queue of workers at a border crossing",
                    "caption": "Entry point",
                },
            ),
        ],
    )
    html = client.get("/en/campaigns/fees/").content.decode()
    tag = re.search(r"<img [^>]+>", html).group(0)
    assert 'alt="Queue of workers at a border crossing"' in tag
    assert 'loading="lazy"' in tag
    assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
    assert "srcset=" in tag and tag.count(".webp") >= 3
    assert "sizes=" in tag


def test_an_image_without_alternative_text_is_refused():
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"image": None, "alt": "", "caption": ""})
            | {"image": object(), "alt": "  "}
        )
