from django.conf import settings
from django.utils.translation import get_language


def languages(request):
    """Languages for the switcher and hreflang alternates, with the path in each language."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.path
    prefix = f"/{current}/"
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    return {
        "karavan_languages": [
            {"code": code, "name": name, "url": f"/{code}/{rest}", "current": code == current}
            for code, name in settings.LANGUAGES
        ],
        "site_url": settings.SITE_URL,
    }
