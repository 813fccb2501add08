#!/usr/bin/env bash
# Runs the whole test suite: the operator's tests, then the local cluster harness's tests and the
# end-to-end scenarios driven through kubectl. Installs what the tests need first when it is
# missing (scripts/ensure-debian-packages.sh: a JDK 17, PostgreSQL and Prometheus from Debian;
# kubectl and Go must be on the machine; the tests build postgres_exporter from its Go module
# through scripts/go-binaries.sh), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/ensure-debian-packages.sh

exec ./mvnw -B verify "$@"
