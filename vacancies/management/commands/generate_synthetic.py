"""Large synthetic volumes for benchmarks: `manage.py generate_synthetic --vacancies 100000
--profiles 1000000`. Written in batches (memory stays flat) with a progress bar.

Synthetic rows are published under the demo schemes and agencies (run `load_demo_data` first);
worker accounts get e-mails ending in @synthetic.invalid and unusable passwords.
"""

import hashlib
import random

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.models import Organisation, User
from vacancies import synthetic
from vacancies.demo import CONTRACT_BYTES, CONTRACT_NAME, EMPLOYERS_BY_COUNTRY, _contract
from vacancies.models import JobOrderStatus, Scheme
from vacancies.selectors import agency_licensed_q


class Command(BaseCommand):
    help = "Generate synthetic vacancies and worker profiles for benchmarks (batched)."

    def add_arguments(self, parser):
        parser.add_argument("--vacancies", type=int, default=0)
        parser.add_argument("--profiles", type=int, default=0)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        schemes = list(Scheme.objects.filter(is_active=True).select_related("vetting_country"))
        if not schemes:
            raise CommandError("No scheme yet: run `manage.py load_demo_data` first.")
        rng = random.Random(options["seed"])  # noqa: S311 — synthetic data, not security
        codes = [c for group in synthetic.OCCUPATIONS.values() for c, _t in group]
        countries = sorted(
            {s.destination_country_id for s in schemes}
            | {s.origin_country_id for s in schemes}
            | set(synthetic.ORIGINS)
        )
        pools = synthetic.Pools.load(codes, countries)
        disable = options["no_progress"]
        if options["vacancies"]:
            agencies = {}
            for scheme in schemes:
                # Only licensed agencies post (others' job orders would be hidden anyway).
                found = list(
                    Organisation.objects.filter(
                        agency_licensed_q(agency_field="pk"),
                        kind="agency",
                        country_id=scheme.origin_country_id,
                    )
                )
                if not found:
                    raise CommandError(f"No licensed agency in {scheme.origin_country_id}.")
                agencies[scheme.origin_country_id] = found
            employers = {}
            for scheme in schemes:
                found = list(
                    Organisation.objects.filter(
                        kind="employer", country_id=scheme.destination_country_id
                    )
                ) or [
                    Organisation.objects.filter(
                        name__in=EMPLOYERS_BY_COUNTRY.get(scheme.destination_country_id, [])
                    ).first()
                ]
                employers[scheme.destination_country_id] = [e for e in found if e]
            by = (
                User.objects.filter(memberships__organisation__kind="agency").first()
                or User.objects.filter(is_superuser=True).first()
            )
            _contract()
            with tqdm(
                total=options["vacancies"], desc="vacancies", unit="jo", disable=disable
            ) as bar:
                synthetic.job_orders_create(
                    count=options["vacancies"],
                    schemes=schemes,
                    agencies=agencies,
                    employers=employers,
                    pools=pools,
                    by=by,
                    rng=rng,
                    contract_name=CONTRACT_NAME,
                    contract_sha256=hashlib.sha256(CONTRACT_BYTES).hexdigest(),
                    status_for=lambda i: JobOrderStatus.APPROVED,
                    batch_size=options["batch_size"],
                    progress=bar.update,
                )
        if options["profiles"]:
            prefix = f"synthetic-{options['seed']}-{rng.randrange(10**6)}-"
            with tqdm(
                total=options["profiles"], desc="profiles", unit="profile", disable=disable
            ) as bar:
                synthetic.profiles_create(
                    count=options["profiles"],
                    pools=pools,
                    rng=rng,
                    email_prefix=prefix,
                    batch_size=options["batch_size"],
                    progress=bar.update,
                )
        self.stdout.write(self.style.SUCCESS("synthetic data written"))
