#!/usr/bin/env bash
# Runs the whole test suite: the operator's tests, then the local cluster harness's tests and the
# end-to-end scenarios driven through kubectl. Installs what the tests need first when it is
# missing, so it works on a fresh machine:
#   - scripts/ensure-debian-packages.sh: a JDK 17, PostgreSQL, Prometheus and openssl from Debian
#     (kubectl must be on the machine);
#   - scripts/go-binaries.sh: the real control plane (etcd, kube-apiserver,
#     kube-controller-manager) and the exporters (postgres_exporter; the Go module proxy refuses
#     percona's mongodb_exporter, which stays simulated), built from Go modules once and cached
#     under ~/.cache/vigil (the first build takes minutes; docs/testing.md has the times);
#     Prometheus 3's promtool and argocd-lua-health, the Argo CD health checks' Lua runtime, too;
#   - scripts/grafana-dashboard-schema.sh: Grafana's dashboard schema, made from the npm package
#     @grafana/schema (Node.js and npm must be on the machine), cached there too.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/ensure-debian-packages.sh
./scripts/go-binaries.sh all >/dev/null
./scripts/grafana-dashboard-schema.sh >/dev/null

exec ./mvnw -B verify "$@"
