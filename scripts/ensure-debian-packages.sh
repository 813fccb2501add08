#!/usr/bin/env bash
# Installs, from Debian's packages, what Vigil's tests and playground run for real, when it is
# missing; does nothing when everything is there. Used by ./test.sh and ./vigil playground.
#   - a JDK 17 (openjdk-17-jdk-headless); Maven comes through the wrapper (./mvnw);
#   - a PostgreSQL server (postgresql): the tests and the local cluster's PostgreSQL pods run
#     real servers from its binaries, primary and streaming standbys;
#   - Prometheus and promtool (prometheus): rule checks, and the local cluster's Prometheus;
#   - amtool (prometheus-alertmanager): every AlertmanagerConfig the tests render is checked with
#     amtool check-config and its routing with amtool config routes test;
#   - openssl: the TLS tests make their certificates with it;
#   - pgBackRest (pgbackrest): the backup tests archive, back up and restore real servers with it,
#     as Vigil's image runs it in a PostgreSQL pod.
# kubectl is not in Debian's packages: it comes with the machine image; without it this script
# stops and says so, as the end-to-end scenarios drive Vigil through it. So does Go (the machine
# image's, newer than Debian's): the exporters the tests run (postgres_exporter at the version
# Vigil deploys) are built from their Go modules by scripts/go-binaries.sh, which the tests call.
set -euo pipefail

need_apt=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -qE 'javac (17|1[89]|2[0-9])'; then
  need_apt+=(openjdk-17-jdk-headless)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  need_apt+=(prometheus)
fi

if ! command -v amtool >/dev/null 2>&1; then
  need_apt+=(prometheus-alertmanager)
fi

if ! command -v openssl >/dev/null 2>&1; then
  need_apt+=(openssl)
fi

if ! command -v pgbackrest >/dev/null 2>&1; then
  need_apt+=(pgbackrest)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing from Debian: ${need_apt[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl is missing: the end-to-end scenarios and the playground drive Vigil through the" \
    "real kubectl, which the machine image provides (/usr/bin/kubectl). Install kubectl 1.28+" \
    "and run again." >&2
  exit 1
fi

if ! command -v go >/dev/null 2>&1; then
  echo "go is missing: the tests build the exporters Vigil deploys from their Go modules" \
    "(scripts/go-binaries.sh), with the Go the machine image provides (/usr/local/go/bin)." \
    "Install Go 1.24+ and run again." >&2
  exit 1
fi
