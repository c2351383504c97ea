"""Moving an app's own information-request or document table into the kernel's shared one
(used by the apps' migrations; works on PostgreSQL and SQLite, both ways)."""

COMMON = {
    "InformationRequest": [
        "message",
        "requested_by_id",
        "requested_at",
        "response",
        "responded_by_id",
        "responded_at",
    ],
    "CaseDocument": [
        "kind",
        "file",
        "original_name",
        "content_type",
        "size",
        "uploaded_by_id",
        "uploaded_at",
    ],
}
STAMPS = {"InformationRequest": "requested_at", "CaseDocument": "uploaded_at"}


def _case_type(apps, app_label: str, model: str):
    content_type = apps.get_model("contenttypes", "ContentType")
    return content_type.objects.get_or_create(app_label=app_label, model=model)[0]


def _keep_stamp(model, name: str):
    """Copy the original time: the historical model still has auto_now_add."""
    field = model._meta.get_field(name)
    field.auto_now_add = False
    return field


def to_kernel(*, old: tuple[str, str], new: str, case: tuple[str, str], fk: str):
    """A RunPython pair copying rows of `old` (app, model) into portal's `new` model and back.
    `case` is the (app, model) of the case, `fk` the old rows' foreign key to it."""

    def forward(apps, schema_editor):
        source, target = apps.get_model(*old), apps.get_model("portal", new)
        rows = list(source.objects.order_by("pk"))
        if not rows:
            return
        case_type = _case_type(apps, *case)
        field = _keep_stamp(target, STAMPS[new])
        try:
            target.objects.bulk_create(
                [
                    target(
                        case_type_id=case_type.pk,
                        case_id=getattr(row, f"{fk}_id"),
                        **{name: getattr(row, name) for name in COMMON[new] if hasattr(row, name)},
                    )
                    for row in rows
                ]
            )
        finally:
            field.auto_now_add = True

    def backward(apps, schema_editor):
        source, target = apps.get_model(*old), apps.get_model("portal", new)
        case_type = _case_type(apps, *case)
        rows = list(target.objects.filter(case_type_id=case_type.pk).order_by("pk"))
        field = _keep_stamp(source, STAMPS[new])
        names = {f.attname for f in source._meta.concrete_fields}
        try:
            source.objects.bulk_create(
                [
                    source(
                        **{f"{fk}_id": row.case_id},
                        **{name: getattr(row, name) for name in COMMON[new] if name in names},
                    )
                    for row in rows
                ]
            )
        finally:
            field.auto_now_add = True
        target.objects.filter(case_type_id=case_type.pk).delete()

    return forward, backward
