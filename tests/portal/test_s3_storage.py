"""Media on S3-compatible storage (django-storages) when KARAVAN_S3_BUCKET is set, against
moto's S3 server: a real HTTP server speaking the S3 protocol, on a free port of this machine.
The portal runs in a process of its own, configured only through the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server", reason="needs moto[server] (the dev extra)")
pytest.importorskip("storages", reason="needs django-storages[s3]")

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "karavan-media"
KEYS = {
    "KARAVAN_S3_ACCESS_KEY_ID": "test-access-key",
    "KARAVAN_S3_SECRET_ACCESS_KEY": "test-secret-key",  # noqa: S105 - the simulator's
    "KARAVAN_S3_REGION": "eu-central-1",
}


@pytest.fixture(scope="module")
def s3_server():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=KEYS["KARAVAN_S3_REGION"],
        aws_access_key_id=KEYS["KARAVAN_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["KARAVAN_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": KEYS["KARAVAN_S3_REGION"]}
    )
    yield endpoint, client
    server.stop()


def test_uploads_go_to_the_bucket_through_the_s3_protocol(s3_server):
    endpoint, client = s3_server
    env = {
        **os.environ,
        **KEYS,
        "KARAVAN_S3_BUCKET": BUCKET,
        "KARAVAN_S3_ENDPOINT_URL": endpoint,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    probe = subprocess.run(
        [sys.executable, "-m", "tests.portal.s3_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert set(seen["backends"].values()) == {"storages.backends.s3.S3Storage"}
    assert seen["names"] == ["leaflets/probe.pdf", "evidence/probe.txt"]
    assert (seen["public_read"], seen["private_read"]) == ("%PDF-1.7 public", "private evidence")
    assert seen["second_name"] != "leaflets/probe.pdf"  # never overwritten
    assert seen["health_checks"] == "passed"
    # In the bucket, public uploads under media/, private ones under private/; the health
    # checks' test files are gone.
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {"media/leaflets/probe.pdf", "private/evidence/probe.txt"} <= keys
    assert not [key for key in keys if "health_check" in key]
    # Private files only through short-lived signed links, which the server honours.
    private_url = seen["private_url"]
    assert private_url.startswith(f"{endpoint}/{BUCKET}/private/evidence/probe.txt?")
    assert "X-Amz-Signature=" in private_url and "X-Amz-Expires=300" in private_url
    assert requests.get(private_url, timeout=10).content == b"private evidence"
    unsigned = private_url.split("?", 1)[0]
    assert requests.get(unsigned, timeout=10).status_code == 403
    assert requests.get(seen["public_url"], timeout=10).content == b"%PDF-1.7 public"
