"""Start-up checks (`manage.py check`, runserver, migrate): what the machine lacks, said plainly."""

from functools import cache

from django.core.checks import Warning, register

PDF_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core"


@cache
def pdf_libraries_missing() -> str:
    """Why PDFs cannot be made here ('' when they can): WeasyPrint loads Pango when imported."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        return (
            f"PDFs (licence and permit certificates, leaflets) cannot be made: WeasyPrint "
            f"cannot load Pango ({str(error).splitlines()[0]})."
        )
    return ""


@register()
def pdf_libraries(app_configs, **kwargs):
    message = pdf_libraries_missing()
    if not message:
        return []
    return [
        Warning(
            message,
            id="karavan.W001",
            hint=f"On Debian/Ubuntu: apt-get install {PDF_PACKAGES}; "
            "elsewhere see https://doc.courtbouillon.org/weasyprint/stable/"
            "first_steps.html",
        )
    ]
