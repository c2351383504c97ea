"""Permit and patent applications use the kernel's shared information requests and documents."""

from django.db import migrations

from portal.case_migration import to_kernel

REQUESTS = to_kernel(old=("permits", "PermitInformationRequest"), new="InformationRequest", case=("permits", "permitapplication"), fk="application")
DOCUMENTS = to_kernel(old=("permits", "PermitDocument"), new="CaseDocument", case=("permits", "permitapplication"), fk="application")


class Migration(migrations.Migration):
    dependencies = [('permits', '0002_sex_shared_labels'), ('portal', '0005_case_kernel'), ('contenttypes', '0002_remove_content_type_name')]

    operations = [
        migrations.RunPython(*REQUESTS),
        migrations.RunPython(*DOCUMENTS),
        migrations.DeleteModel(name='PermitInformationRequest'),
        migrations.DeleteModel(name='PermitDocument'),
    ]
