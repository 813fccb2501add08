#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need first when it is missing, so it works
# on a fresh machine, all from Debian's packages:
#   - a JDK 17 (openjdk-17-jdk-headless); Maven comes through the wrapper (./mvnw), which
#     downloads it from Maven Central on first use;
#   - a PostgreSQL server (postgresql): the PostgreSQL client tests start real servers from its
#     binaries, primary and streaming standby;
#   - postgres_exporter (prometheus-postgres-exporter): tests run the real exporter with the
#     environment Vigil's sidecar uses;
#   - promtool (prometheus): every rendered rule group passes `promtool check rules`, every
#     default alert has `promtool test rules` cases, and Vigil's PromQL checker is compared with
#     promtool's on a corpus.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -qE 'javac (17|1[89]|2[0-9])'; then
  need_apt+=(openjdk-17-jdk-headless)
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
if ! command -v prometheus-postgres-exporter >/dev/null 2>&1; then
  need_apt+=(prometheus-postgres-exporter)
fi
if ! command -v promtool >/dev/null 2>&1; then
  need_apt+=(prometheus)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

exec ./mvnw -B verify "$@"
