"""Job orders use the kernel's shared information requests."""

from django.db import migrations

from portal.case_migration import to_kernel

REQUESTS = to_kernel(old=("vacancies", "JobOrderInformationRequest"), new="InformationRequest", case=("vacancies", "joborder"), fk="job_order")


class Migration(migrations.Migration):
    dependencies = [('vacancies', '0007_sex_shared_labels'), ('portal', '0005_case_kernel'), ('contenttypes', '0002_remove_content_type_name')]

    operations = [
        migrations.RunPython(*REQUESTS),
        migrations.DeleteModel(name='JobOrderInformationRequest'),
    ]
