#!/usr/bin/env bash
# System packages the project needs beyond PyPI: a Java 17+ runtime for Spark 4 and, for the
# browser tests, Debian's chromium + chromium-driver. Installs what is missing when it can.
set -euo pipefail
want="${1:-all}"

java_major() {
  command -v java >/dev/null 2>&1 || return 1
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
apt_updated=""
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: please install: $*" >&2; exit 1
  fi
  [ -n "$apt_updated" ] || { $sudo_cmd apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

major=$(java_major || true)
if [ -z "$major" ] || [ "$major" -lt 17 ]; then
  if [ "$want" = "java" ]; then
    echo "error: Spark 4 needs a Java 17+ runtime (found: ${major:-none})." >&2
    echo "       Install one, e.g. 'sudo apt-get install openjdk-17-jre-headless', or set JAVA_HOME." >&2
    exit 1
  fi
  apt_install openjdk-17-jre-headless
fi

if [ "$want" = "all" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
fi
