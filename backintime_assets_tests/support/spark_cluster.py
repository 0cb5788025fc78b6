"""A throwaway Spark standalone cluster (one master, one worker) from the pyspark wheel's own scripts."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class SparkCluster:
    master_url: str
    processes: list[subprocess.Popen]

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def start_cluster(work_dir: Path, timeout_s: float = 90.0) -> SparkCluster:
    import pyspark

    spark_home = Path(pyspark.__file__).parent
    env = {**os.environ, "SPARK_HOME": str(spark_home), "PYSPARK_PYTHON": sys.executable,
           "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_WORKER_DIR": str(work_dir / "worker")}
    spark_class = str(spark_home / "bin" / "spark-class")
    port, ui_port, worker_ui = _free_port(), _free_port(), _free_port()
    master_url = f"spark://127.0.0.1:{port}"
    work_dir.mkdir(parents=True, exist_ok=True)
    master = subprocess.Popen(
        [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
         "--webui-port", str(ui_port)],
        env=env, stdout=open(work_dir / "master.log", "wb"), stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [spark_class, "org.apache.spark.deploy.worker.Worker", master_url, "--host", "127.0.0.1",
         "--cores", "2", "--memory", "2g", "--webui-port", str(worker_ui)],
        env=env, stdout=open(work_dir / "worker.log", "wb"), stderr=subprocess.STDOUT,
    )
    cluster = SparkCluster(master_url, [master, worker])
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            status = urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=2).read().decode()
            if '"aliveworkers" : 1' in status or '"aliveworkers":1' in status.replace(" ", ""):
                return cluster
        except OSError:
            pass
        time.sleep(1)
    cluster.stop()
    raise RuntimeError(f"Spark cluster did not come up: {(work_dir / 'master.log').read_text()[-2000:]}")
