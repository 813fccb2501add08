#!/usr/bin/env bash
# Builds, from Go modules, the real components that the local cluster and the tests run, and
# caches them by version outside the repository; prints the directory of each binary it is asked
# for. Nothing built here is committed.
#
#   scripts/go-binaries.sh control-plane   kube-apiserver, kube-controller-manager and etcd, and
#                                          prometheus-operator's CRDs, kube-state-metrics
#   scripts/go-binaries.sh exporters       postgres_exporter and percona's mongodb_exporter
#   scripts/go-binaries.sh object-store    versitygw, an S3-compatible server (posix backend) that
#                                          the backup tests archive to over TLS
#   scripts/go-binaries.sh promtool        Prometheus 3's promtool, which checks and unit-tests the
#                                          rules beside Debian's promtool 2.42
#   scripts/go-binaries.sh argocd-lua      argocd-lua-health, which runs the Argo CD health checks
#                                          in gopher-lua as Argo CD does (source in operator/src/test/go)
#   scripts/go-binaries.sh alertmanager-tools
#                                          prometheus-operator's Alertmanager configuration
#                                          generation as a command (scripts/alertmanager-config)
#                                          and amtool at the Alertmanager version it requires
#   scripts/go-binaries.sh all             all of them
#
# Prints one line per component: NAME=/path/to/binary. Progress goes to stderr, since a cold
# build takes minutes (docs/testing.md has the times).
#
# Each component is built in a throwaway Go module under a temporary directory, never inside
# the checkout. k8s.io/kubernetes requires its staging modules (k8s.io/api, k8s.io/apiserver...)
# at v0.0.0 and replaces them with paths inside its own repository; the throwaway module
# replaces each of them with the matching v0.X.Y release, taking the list from the module's own
# go.mod. A user who already has envtest binaries (setup-envtest's layout, or KUBEBUILDER_ASSETS)
# of the same minor version gets those for kube-apiserver and etcd.
#
# Cache: ${VIGIL_CACHE_DIR:-$HOME/.cache/vigil}/<component>/<version>/<binary>.
set -euo pipefail

KUBERNETES_VERSION="v1.33.13"
# The etcd release that KUBERNETES_VERSION's own go.mod requires (go.etcd.io/etcd/*/v3).
ETCD_VERSION="v3.5.21"
# The versions Vigil deploys (operator/.../ExporterImages): the harness runs exactly these.
POSTGRES_EXPORTER_VERSION="v0.17.1"
MONGODB_EXPORTER_VERSION="v0.47.1"
# prometheus-operator's CRDs (ServiceMonitor, PodMonitor, PrometheusRule, AlertmanagerConfig)
# with their whole schemas, from the module's own example/prometheus-operator-crd/.
PROMETHEUS_OPERATOR_VERSION="v0.85.0"
# kube-state-metrics, which kube-prometheus-stack runs: the playground's Prometheus scrapes it so
# that analyses written for kube-prometheus-stack (examples/postgres-analysis.yaml) find its series.
KUBE_STATE_METRICS_VERSION="v2.16.0"
# versitygw (Apache-2.0), an S3 gateway over a plain directory: the backup tests' object store,
# since pgBackRest speaks S3 over HTTPS only and needs a real server to archive to.
VERSITYGW_VERSION="v1.8.0"
# Prometheus 3's promtool, beside Debian's promtool 2.42: every rule Vigil renders is checked by
# both majors. Prometheus 3.x is published as the Go module version v0.3xx.y (v0.316.0 is 3.16.0).
PROMETHEUS_VERSION="v0.316.0"
# The Lua runtime and JSON bridge that Argo CD v3.6 pins (its go.mod): the health checks of
# docs/gitops run in them through operator/src/test/go/argocd-lua-health.
GOPHER_LUA_VERSION="v1.1.2"
GOPHER_JSON_VERSION="v0.0.0-20190114024228-97fed8db8427"

cache="${VIGIL_CACHE_DIR:-$HOME/.cache/vigil}"
scripts_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# One build at a time: a test run and a playground started together wait for each other here,
# then find the binaries cached.
mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9

if ! command -v go >/dev/null 2>&1; then
  echo "vigil: Go is missing: the local cluster's control plane and exporters are built from Go" \
    "modules (Go 1.24 or later, with the Go module proxy). Install Go and run again." >&2
  exit 1
fi

log() { echo "vigil: $*" >&2; }

# go_build OUTPUT_DIR MODULE@VERSION PACKAGE... [-- LDFLAGS]
# Builds the packages in a new module that requires MODULE@VERSION, into OUTPUT_DIR.
go_build() {
  local out=$1 modver=$2
  shift 2
  local packages=() ldflags="-s -w"
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then
      shift
      ldflags="$ldflags $*"
      break
    fi
    packages+=("$1")
    shift
  done
  local work status=0
  work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-go-build.XXXXXX")
  (
    cd "$work"
    export GOFLAGS="-mod=mod -buildvcs=false"
    go mod init vigil.local/build >/dev/null 2>&1
    local module=${modver%@*} version=${modver#*@}
    if [ "$module" = "k8s.io/kubernetes" ]; then
      go mod edit -require="$module@$version"
      replace_kubernetes_staging "$version"
    fi
    log "  resolving $modver"
    go get "$modver" >/dev/null 2>&1 || go get "$modver"
    for p in "${packages[@]}"; do
      log "  compiling $p (the first build of a release takes minutes)"
      go build -trimpath -ldflags "$ldflags" -o "$out/" "$p"
    done
  ) || status=$?
  rm -rf "$work"
  return "$status"
}

# The staging modules k8s.io/kubernetes replaces with ./staging/src/...: each one replaced here
# with its release, v0.<minor>.<patch> for kubernetes v1.<minor>.<patch>.
replace_kubernetes_staging() {
  local version=$1 staging_version="v0.${1#v1.}" gomod
  gomod=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$gomod" ] || { log "cannot read the go.mod of k8s.io/kubernetes@$version"; return 1; }
  local go_directive
  go_directive=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$gomod")
  go mod edit -go="$go_directive"
  local modules
  # Only the staging modules it requires (at v0.0.0): samples it replaces but never requires
  # are not published.
  modules=$(sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#\1#p' "$gomod" |
    while read -r m; do grep -qE "^[[:space:]]+$m v0\.0\.0" "$gomod" && echo "$m" || true; done)
  [ -n "$modules" ] || { log "no staging replacements found in $gomod"; return 1; }
  for m in $modules; do
    go mod edit -replace="$m=$m@$staging_version" -require="$m@$staging_version"
  done
}

kubernetes_ldflags() {
  local v=$1 minor
  minor=${v#v1.}
  minor=${minor%%.*}
  local pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    printf -- '-X %s.gitVersion=%s -X %s.gitMajor=1 -X %s.gitMinor=%s -X %s.gitTreeState=clean ' \
      "$pkg" "$v" "$pkg" "$pkg" "$minor" "$pkg"
  done
}

# envtest's binaries (kube-apiserver, etcd) when a user has them for this minor version.
envtest_dir() {
  local minor=${KUBERNETES_VERSION#v}
  minor=${minor%.*}
  local d
  for d in "${KUBEBUILDER_ASSETS:-}" "$HOME"/.local/share/kubebuilder-envtest/k8s/"$minor".*-linux-amd64; do
    [ -n "$d" ] && [ -x "$d/kube-apiserver" ] && [ -x "$d/etcd" ] || continue
    "$d/kube-apiserver" --version 2>/dev/null | grep -q "v$minor\." || continue
    echo "$d"
    return 0
  done
  return 1
}

control_plane() {
  local kdir="$cache/kubernetes/$KUBERNETES_VERSION" edir="$cache/etcd/$ETCD_VERSION" envtest
  if envtest=$(envtest_dir); then
    log "using envtest's kube-apiserver and etcd from $envtest"
    echo "kube-apiserver=$envtest/kube-apiserver"
    echo "etcd=$envtest/etcd"
  else
    if [ ! -x "$kdir/kube-apiserver" ]; then
      log "building kube-apiserver $KUBERNETES_VERSION into $kdir"
      go_build "$kdir.partial" "k8s.io/kubernetes@$KUBERNETES_VERSION" k8s.io/kubernetes/cmd/kube-apiserver \
        -- "$(kubernetes_ldflags "$KUBERNETES_VERSION")"
      mkdir -p "$kdir" && mv "$kdir.partial/kube-apiserver" "$kdir/"
    fi
    echo "kube-apiserver=$kdir/kube-apiserver"
    if [ ! -x "$edir/etcd" ]; then
      log "building etcd $ETCD_VERSION into $edir"
      go_build "$edir.partial" "go.etcd.io/etcd/server/v3@$ETCD_VERSION" go.etcd.io/etcd/server/v3
      mkdir -p "$edir" && mv "$edir.partial/server" "$edir/etcd"  # go names it after the path before /v3
    fi
    echo "etcd=$edir/etcd"
  fi
  if [ ! -x "$kdir/kube-controller-manager" ]; then
    log "building kube-controller-manager $KUBERNETES_VERSION into $kdir"
    go_build "$kdir.partial" "k8s.io/kubernetes@$KUBERNETES_VERSION" k8s.io/kubernetes/cmd/kube-controller-manager \
      -- "$(kubernetes_ldflags "$KUBERNETES_VERSION")"
    mkdir -p "$kdir" && mv "$kdir.partial/kube-controller-manager" "$kdir/"
  fi
  echo "kube-controller-manager=$kdir/kube-controller-manager"
  rm -rf "$kdir.partial" "$edir.partial"
}

# The exporters Vigil's sidecars run. A module the Go module proxy does not serve (percona's
# mongodb_exporter is refused on our machines: "403 This module version is not available") is
# reported on stderr and left out of the output, and the others are still printed; a build that
# fails for any other reason fails the script.
exporters() {
  local pdir="$cache/postgres_exporter/$POSTGRES_EXPORTER_VERSION" mdir="$cache/mongodb_exporter/$MONGODB_EXPORTER_VERSION"
  if [ ! -x "$pdir/postgres_exporter" ]; then
    log "building postgres_exporter $POSTGRES_EXPORTER_VERSION into $pdir"
    rm -rf "$pdir.partial"
    # The version reaches the binary (--version, postgres_exporter_build_info) through
    # prometheus/common's version package, as its release build (promu) sets it.
    go_build "$pdir.partial" "github.com/prometheus-community/postgres_exporter@$POSTGRES_EXPORTER_VERSION" \
      github.com/prometheus-community/postgres_exporter/cmd/postgres_exporter \
      -- "-X github.com/prometheus/common/version.Version=${POSTGRES_EXPORTER_VERSION#v}"
    mkdir -p "$pdir" && mv "$pdir.partial/postgres_exporter" "$pdir/"
    rm -rf "$pdir.partial"
  fi
  echo "postgres_exporter=$pdir/postgres_exporter"
  if [ ! -x "$mdir/mongodb_exporter" ]; then
    local module="github.com/percona/mongodb_exporter" served
    # Its main package is the module's root; main.version is what --version prints.
    local status=0
    served=$(module_served "$module@$MONGODB_EXPORTER_VERSION") || status=$?
    if [ "$status" -eq 2 ]; then
      log "cannot download $module@$MONGODB_EXPORTER_VERSION: $served"
      return 1
    elif [ "$status" -ne 0 ]; then
      log "mongodb_exporter $MONGODB_EXPORTER_VERSION cannot be built here: the Go module proxy" \
        "does not serve $module@$MONGODB_EXPORTER_VERSION ($served); the local cluster simulates it" \
        "(docs/testing.md)"
      return 0
    fi
    log "building mongodb_exporter $MONGODB_EXPORTER_VERSION into $mdir"
    rm -rf "$mdir.partial"
    go_build "$mdir.partial" "$module@$MONGODB_EXPORTER_VERSION" "$module" \
      -- "-X main.version=${MONGODB_EXPORTER_VERSION#v}"
    mkdir -p "$mdir" && mv "$mdir.partial/mongodb_exporter" "$mdir/"
    rm -rf "$mdir.partial"
  fi
  echo "mongodb_exporter=$mdir/mongodb_exporter"
}

# module_served MODULE@VERSION: succeeds when the module proxy serves it; fails printing the
# proxy's answer when it refuses it (403, 404, 410), with status 1; any other failure (no
# network, say) has status 2 and stops the script, so a machine that should build the module
# never quietly falls back.
module_served() {
  local answer reason
  answer=$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json "$1" 2>&1) && return 0
  reason=$(echo "$answer" | sed -n 's/.*"Error": "\(.*\)".*/\1/p' | sed 's/\\n.*//' | head -1)
  if echo "$reason" | grep -qE ': (403|404|410) '; then
    echo "$reason"
    return 1
  fi
  echo "${reason:-$answer}"
  return 2
}

kube_state_metrics() {
  local dir="$cache/kube-state-metrics/$KUBE_STATE_METRICS_VERSION"
  if [ ! -x "$dir/kube-state-metrics" ]; then
    log "building kube-state-metrics $KUBE_STATE_METRICS_VERSION into $dir"
    go_build "$dir.partial" "k8s.io/kube-state-metrics/v2@$KUBE_STATE_METRICS_VERSION" k8s.io/kube-state-metrics/v2 \
      -- "-X github.com/prometheus/common/version.Version=${KUBE_STATE_METRICS_VERSION#v}"
    mkdir -p "$dir" && mv "$dir.partial"/* "$dir/kube-state-metrics"
    rm -rf "$dir.partial"
  fi
  echo "kube-state-metrics=$dir/kube-state-metrics"
}

prometheus_operator_crds() {
  local dir
  log "fetching prometheus-operator $PROMETHEUS_OPERATOR_VERSION's CRDs (module cache)"
  dir=$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json \
    "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" |
    sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [ -d "$dir/example/prometheus-operator-crd" ] || { log "no CRDs in $dir"; return 1; }
  echo "prometheus-operator-crds=$dir/example/prometheus-operator-crd"
}

object_store() {
  local dir="$cache/versitygw/$VERSITYGW_VERSION"
  if [ ! -x "$dir/versitygw" ]; then
    log "building versitygw $VERSITYGW_VERSION into $dir"
    rm -rf "$dir.partial"
    # main.Version is what --version prints, as its Makefile sets it.
    go_build "$dir.partial" "github.com/versity/versitygw@$VERSITYGW_VERSION" \
      github.com/versity/versitygw/cmd/versitygw -- "-X main.Version=$VERSITYGW_VERSION"
    mkdir -p "$dir" && mv "$dir.partial/versitygw" "$dir/"
    rm -rf "$dir.partial"
  fi
  echo "versitygw=$dir/versitygw"
}

# The Prometheus release of the module version: v0.316.0 is 3.16.0.
prometheus_release() {
  local minor_patch=${PROMETHEUS_VERSION#v0.}
  local minor=${minor_patch%%.*}
  echo "$((minor / 100)).$((minor % 100)).${minor_patch#*.}"
}

# Prometheus 3's promtool (the rule tests run it beside Debian's promtool 2.42).
promtool3() {
  local dir="$cache/promtool/$PROMETHEUS_VERSION"
  if [ ! -x "$dir/promtool" ]; then
    log "building promtool $PROMETHEUS_VERSION (Prometheus $(prometheus_release)) into $dir"
    rm -rf "$dir.partial"
    # promtool --version prints prometheus/common's version package, as the release build sets it.
    go_build "$dir.partial" "github.com/prometheus/prometheus@$PROMETHEUS_VERSION" \
      github.com/prometheus/prometheus/cmd/promtool \
      -- "-X github.com/prometheus/common/version.Version=$(prometheus_release)"
    mkdir -p "$dir" && mv "$dir.partial/promtool" "$dir/"
    rm -rf "$dir.partial"
  fi
  echo "promtool=$dir/promtool"
}

# argocd-lua-health, the test program that runs the Argo CD health checks as Argo CD does. Its
# source lives in the repository; it is built in a throwaway module and cached by the pinned
# versions and a hash of the source, so an edit rebuilds it.
argocd_lua_health() {
  local source
  source="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/operator/src/test/go/argocd-lua-health/main.go"
  [ -f "$source" ] || { log "missing $source"; return 1; }
  local hash
  hash=$(sha256sum "$source" | cut -c1-12)
  local dir="$cache/argocd-lua-health/$GOPHER_LUA_VERSION-$hash"
  if [ ! -x "$dir/argocd-lua-health" ]; then
    log "building argocd-lua-health (gopher-lua $GOPHER_LUA_VERSION) into $dir"
    local work status=0
    work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-go-build.XXXXXX")
    (
      cd "$work"
      export GOFLAGS="-mod=mod -buildvcs=false"
      go mod init vigil.local/argocd-lua-health >/dev/null 2>&1
      cp "$source" main.go
      go mod edit -require="github.com/yuin/gopher-lua@$GOPHER_LUA_VERSION" \
        -require="layeh.com/gopher-json@$GOPHER_JSON_VERSION"
      go mod tidy >/dev/null 2>&1 || go mod tidy
      # tidy must not move the pins: the program runs the versions Argo CD runs.
      grep -q "github.com/yuin/gopher-lua $GOPHER_LUA_VERSION" go.mod
      go build -trimpath -ldflags "-s -w" -o "$dir.partial/argocd-lua-health" .
    ) || status=$?
    rm -rf "$work"
    [ "$status" -eq 0 ] || { rm -rf "$dir.partial"; return "$status"; }
    mkdir -p "$dir" && mv "$dir.partial/argocd-lua-health" "$dir/"
    rm -rf "$dir.partial"
  fi
  echo "argocd-lua-health=$dir/argocd-lua-health"
}

# prometheus-operator's own conversion of AlertmanagerConfig objects into an Alertmanager
# configuration (pkg/alertmanager's ConfigBuilder, public API), wrapped by the small command in
# scripts/alertmanager-config/, and amtool of the Alertmanager release prometheus-operator
# requires (Debian's amtool is older and knows no msteams_configs or msteamsv2_configs). The
# command is built in a throwaway module requiring prometheus-operator, amtool in one requiring
# only Alertmanager (under prometheus-operator's newer dependencies it does not compile). Cached by
# prometheus-operator's version and the command's source, so an edited main.go is rebuilt.
alertmanager_tools() {
  local source="$scripts_dir/alertmanager-config/main.go" digest dir
  digest=$(sha256sum "$source" | cut -c1-12)
  dir="$cache/alertmanager-config/$PROMETHEUS_OPERATOR_VERSION-$digest"
  if [ ! -x "$dir/alertmanager-config" ] || [ ! -x "$dir/amtool" ]; then
    log "building prometheus-operator $PROMETHEUS_OPERATOR_VERSION's Alertmanager config generation and amtool into $dir"
    rm -rf "$dir.partial"
    local work status=0 module="github.com/prometheus-operator/prometheus-operator"
    work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-go-build.XXXXXX")
    (
      cd "$work"
      export GOFLAGS="-mod=mod -buildvcs=false"
      go mod init vigil.local/alertmanager-config >/dev/null 2>&1
      cp "$source" main.go
      log "  resolving $module@$PROMETHEUS_OPERATOR_VERSION"
      go get "$module@$PROMETHEUS_OPERATOR_VERSION" >/dev/null 2>&1 || go get "$module@$PROMETHEUS_OPERATOR_VERSION"
      log "  compiling alertmanager-config (the first build takes minutes)"
      go build -trimpath -ldflags "-s -w" -o "$dir.partial/alertmanager-config" .
      go list -m -f '{{.Version}}' github.com/prometheus/alertmanager >"$work/alertmanager-version"
    ) || status=$?
    local am_version
    am_version=$(cat "$work/alertmanager-version" 2>/dev/null || true)
    rm -rf "$work"
    [ "$status" -eq 0 ] && [ -n "$am_version" ] || return 1
    # --version prints what prometheus/common's version package holds, as promu sets it.
    go_build "$dir.partial" "github.com/prometheus/alertmanager@$am_version" \
      github.com/prometheus/alertmanager/cmd/amtool \
      -- "-X github.com/prometheus/common/version.Version=${am_version#v}"
    mkdir -p "$dir" && mv "$dir.partial"/* "$dir/"
    rm -rf "$dir.partial"
  fi
  echo "alertmanager-config=$dir/alertmanager-config"
  echo "amtool=$dir/amtool"
}

case "${1:-all}" in
  control-plane) control_plane && prometheus_operator_crds && kube_state_metrics ;;
  exporters) exporters ;;
  object-store) object_store ;;
  promtool) promtool3 ;;
  argocd-lua) argocd_lua_health ;;
  alertmanager-tools) alertmanager_tools ;;
  all) control_plane && prometheus_operator_crds && kube_state_metrics && exporters && promtool3 && argocd_lua_health && alertmanager_tools && object_store ;;
  *) echo "usage: $0 control-plane|exporters|object-store|promtool|argocd-lua|alertmanager-tools|all" >&2; exit 2 ;;
esac
