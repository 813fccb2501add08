#!/bin/sh
# Vigil: prepares the data directory of one PostgreSQL member before postgres starts.
# Run by the init container "bootstrap" of every member pod, on every start of the pod.
# The designated primary is read from a mounted ConfigMap (<name>-primary), not from the
# pod template, so Vigil can move the primary without restarting any pod; a pod reads the
# name current when it starts.
#
#   PGDATA empty, this member is the designated primary, no primary answers: initdb.
#   PGDATA empty otherwise: clone the primary with pg_basebackup, become its standby.
#   PGDATA holds a standby, or the designated primary: nothing to do.
#   PGDATA holds a primary, but another member is the designated primary (a former
#   primary after a failover or a switchover, whose pod Vigil or a rollout replaced):
#   pg_rewind it from the new primary, become its standby.
#
# Standbys always follow the read-write Service, which selects the primary's pod only, so
# after a failover or a switchover they follow the new primary without being reconfigured.
# Passwords are read from the mounted Secrets into password files only: never into a
# command line, the log or postgresql.auto.conf.
#
# Environment, set by Vigil (PostgresContainers):
#   PGDATA                  the data directory, below the volume's root
#   PGPORT                  the port of every member
#   POD_NAME                this pod, <name>-<ordinal>
#   VIGIL_PRIMARY_DIR       the primary ConfigMap, mounted (file pod: the pod that is to
#                           be the primary)
#   VIGIL_PRIMARY_HOST      the read-write Service
#   VIGIL_SUPERUSER_DIR     the superuser Secret, mounted (files username and password)
#   VIGIL_REPLICATION_DIR   the replication Secret, mounted (files username and password)
#   VIGIL_PGPASS_DIR        an in-memory directory for the password files
# Optional: VIGIL_WAIT_ATTEMPTS (default 60) and VIGIL_WAIT_SECONDS (default 5) bound the
# wait for the primary, about five minutes by default.
set -eu

: "${PGDATA:?}" "${PGPORT:?}" "${POD_NAME:?}" "${VIGIL_PRIMARY_DIR:?}" "${VIGIL_PRIMARY_HOST:?}"
: "${VIGIL_SUPERUSER_DIR:?}" "${VIGIL_REPLICATION_DIR:?}" "${VIGIL_PGPASS_DIR:?}"
WAIT_ATTEMPTS="${VIGIL_WAIT_ATTEMPTS:-60}"
WAIT_SECONDS="${VIGIL_WAIT_SECONDS:-5}"

# One replication slot per member, created on the primary by Vigil: it keeps the WAL a
# standby still needs, also while the standby restarts.
ORDINAL="${POD_NAME##*-}"
SLOT="vigil_${ORDINAL}"
# New data directories are built beside PGDATA and renamed into place once complete, so an
# interrupted initdb or clone never leaves a half-written PGDATA that looks initialised.
STAGING="${PGDATA}.vigil-new"
REPLICATION_PASSFILE="${VIGIL_PGPASS_DIR}/replication"
SUPERUSER_PASSFILE="${VIGIL_PGPASS_DIR}/superuser"

# Password files must not be readable by anyone else, or libpq ignores them.
umask 077

log() {
    echo "vigil-bootstrap [${POD_NAME}]: $*" >&2
}

fail() {
    log "FAILED: $*"
    exit 1
}

# The user name in a Secret, checked so that it can stand unquoted in a connection string.
secret_username() {
    name=$(cat "$1/username")
    case "$name" in
        '' | *[!A-Za-z0-9_.-]*)
            fail "the username in $1 must be letters, digits, '_', '.' or '-'" ;;
    esac
    printf '%s' "$name"
}

# Writes a password file (host:port:database:user:password) for the user of a mounted
# Secret. printf is a shell builtin and sed reads the password on its standard input, so the
# password never appears in a process's arguments.
write_passfile() {
    passfile=$1
    secret_dir=$2
    user=$(secret_username "$secret_dir")
    password=$(cat "$secret_dir/password")
    escaped=$(printf '%s' "$password" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')
    printf '*:*:*:%s:%s\n' "$user" "$escaped" > "${passfile}.tmp"
    chmod 0600 "${passfile}.tmp"
    mv "${passfile}.tmp" "$passfile"
}

primary_answers() {
    pg_isready -q -h "$VIGIL_PRIMARY_HOST" -p "$PGPORT" -t 5
}

wait_for_primary() {
    attempt=1
    until primary_answers; do
        if [ "$attempt" -ge "$WAIT_ATTEMPTS" ]; then
            fail "no primary answers at ${VIGIL_PRIMARY_HOST}:${PGPORT} after ${attempt} attempts"
        fi
        log "waiting for the primary at ${VIGIL_PRIMARY_HOST}:${PGPORT} (attempt ${attempt}/${WAIT_ATTEMPTS})"
        attempt=$((attempt + 1))
        sleep "$WAIT_SECONDS"
    done
}

# Moves a complete new data directory into place. PGDATA may exist only as an empty
# directory; anything in it that is not a cluster is left alone for a human to look at.
install_staging() {
    if [ -d "$PGDATA" ]; then
        rmdir "$PGDATA" 2>/dev/null \
            || fail "$PGDATA is not empty but holds no PG_VERSION; refusing to overwrite it"
    fi
    mv "$STAGING" "$PGDATA"
}

# Makes this member a standby of whichever pod the read-write Service selects. The settings
# are appended to postgresql.auto.conf, where the last one wins: a clone or a rewind copies
# the primary's file, which may name that member's own slot. No password in them: the
# walreceiver reads it from the password file.
configure_standby() {
    cat >> "$PGDATA/postgresql.auto.conf" <<SETTINGS
# Written by Vigil's bootstrap: follow the primary through the read-write Service.
primary_conninfo = 'host=${VIGIL_PRIMARY_HOST} port=${PGPORT} user=${REPLICATION_USER} passfile=${REPLICATION_PASSFILE} application_name=${POD_NAME}'
primary_slot_name = '${SLOT}'
SETTINGS
    touch "$PGDATA/standby.signal"
    log "configured as a standby of ${VIGIL_PRIMARY_HOST}, replication slot ${SLOT}"
}

initialise_primary() {
    log "PGDATA is empty and no primary answers at ${VIGIL_PRIMARY_HOST}: initialising a new cluster"
    rm -rf "$STAGING"
    # The superuser's password comes from the Secret file; local connections are trusted
    # only for the matching OS user (peer), TCP connections need SCRAM-SHA-256.
    initdb --pgdata="$STAGING" \
        --username="$SUPERUSER" \
        --pwfile="${VIGIL_SUPERUSER_DIR}/password" \
        --auth-local=peer --auth-host=scram-sha-256 \
        --encoding=UTF8
    install_staging
    log "initialised a new cluster; ${POD_NAME} starts as the primary"
}

clone_primary() {
    log "PGDATA is empty: cloning the primary at ${VIGIL_PRIMARY_HOST} with replication slot ${SLOT}"
    attempt=1
    while :; do
        rm -rf "$STAGING"
        # Fails until the primary is ready and Vigil has created the replication user and
        # this member's slot; --checkpoint=fast starts the copy without waiting for the next
        # scheduled checkpoint.
        if primary_answers && PGPASSFILE="$REPLICATION_PASSFILE" pg_basebackup \
            --pgdata="$STAGING" --host="$VIGIL_PRIMARY_HOST" --port="$PGPORT" \
            --username="$REPLICATION_USER" --no-password \
            --wal-method=stream --slot="$SLOT" --checkpoint=fast; then
            break
        fi
        if [ "$attempt" -ge "$WAIT_ATTEMPTS" ]; then
            rm -rf "$STAGING"
            fail "could not clone the primary at ${VIGIL_PRIMARY_HOST} after ${attempt} attempts: is it ready, and do the replication user and slot ${SLOT} exist?"
        fi
        log "clone attempt ${attempt}/${WAIT_ATTEMPTS} failed: the primary is not ready, or the replication user or slot ${SLOT} does not exist yet; retrying in ${WAIT_SECONDS}s"
        attempt=$((attempt + 1))
        sleep "$WAIT_SECONDS"
    done
    install_staging
    configure_standby
}

rewind_former_primary() {
    log "PGDATA holds a primary, but ${PRIMARY_POD} is the primary now: rewinding to follow it"
    wait_for_primary
    write_passfile "$SUPERUSER_PASSFILE" "$VIGIL_SUPERUSER_DIR"
    trap 'rm -f "$SUPERUSER_PASSFILE"' EXIT
    # pg_rewind needs the superuser on the source; wal_log_hints (postgresql.conf) lets it
    # find the pages this member changed after the timelines diverged.
    if ! pg_rewind --target-pgdata="$PGDATA" --progress \
        --source-server="host=${VIGIL_PRIMARY_HOST} port=${PGPORT} dbname=postgres user=${SUPERUSER} passfile=${SUPERUSER_PASSFILE}"; then
        fail "pg_rewind from ${VIGIL_PRIMARY_HOST} failed; ${POD_NAME} stays down rather than start a second primary. To rebuild it from the primary, delete its PersistentVolumeClaim and then its pod."
    fi
    rm -f "$SUPERUSER_PASSFILE"
    configure_standby
}

# The designated primary pod, as Vigil last wrote it before this pod started; it must look
# like a pod name.
PRIMARY_POD=$(cat "${VIGIL_PRIMARY_DIR}/pod") \
    || fail "cannot read the designated primary from ${VIGIL_PRIMARY_DIR}/pod"
case "$PRIMARY_POD" in
    '' | *[!a-z0-9.-]*)
        fail "${VIGIL_PRIMARY_DIR}/pod must name a pod, not '${PRIMARY_POD}'" ;;
esac
SUPERUSER=$(secret_username "$VIGIL_SUPERUSER_DIR")
REPLICATION_USER=$(secret_username "$VIGIL_REPLICATION_DIR")
write_passfile "$REPLICATION_PASSFILE" "$VIGIL_REPLICATION_DIR"

if [ -s "$PGDATA/PG_VERSION" ]; then
    # PostgreSQL refuses a data directory that others may read; a volume's fsGroup can add
    # group permissions.
    chmod 0700 "$PGDATA"
    if [ "$POD_NAME" = "$PRIMARY_POD" ]; then
        if [ -f "$PGDATA/standby.signal" ]; then
            log "designated primary, still a standby until Vigil promotes it"
        else
            log "designated primary, existing data: starting as the primary"
        fi
    elif [ -f "$PGDATA/standby.signal" ]; then
        log "existing standby: following ${VIGIL_PRIMARY_HOST}"
    else
        rewind_former_primary
    fi
elif [ "$POD_NAME" = "$PRIMARY_POD" ] && ! primary_answers; then
    initialise_primary
else
    clone_primary
fi
