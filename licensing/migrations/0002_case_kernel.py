"""Licence applications use the kernel's shared information requests and documents."""

from django.db import migrations

from portal.case_migration import to_kernel

REQUESTS = to_kernel(old=("licensing", "InformationRequest"), new="InformationRequest", case=("licensing", "licenceapplication"), fk="application")
DOCUMENTS = to_kernel(old=("licensing", "LicenceDocument"), new="CaseDocument", case=("licensing", "licenceapplication"), fk="application")


class Migration(migrations.Migration):
    dependencies = [('licensing', '0001_initial'), ('portal', '0005_case_kernel'), ('contenttypes', '0002_remove_content_type_name')]

    operations = [
        migrations.RunPython(*REQUESTS),
        migrations.RunPython(*DOCUMENTS),
        migrations.DeleteModel(name='InformationRequest'),
        migrations.DeleteModel(name='LicenceDocument'),
    ]
