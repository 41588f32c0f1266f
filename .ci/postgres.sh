# Sourced by .ci/run (and usable by hand): a throwaway PostgreSQL cluster on loopback for the store and API
# tests. `start_postgres` installs the server if needed, starts it and exports DATABASE_URL; `stop_postgres`
# stops it and removes its files. CI-only credentials; nothing here is used outside tests.

start_postgres() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "== installing PostgreSQL (apt)"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    fi
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    PG_DIR=$(mktemp -d /tmp/braid-postgres.XXXXXX)
    PG_PORT=${PG_PORT:-55432}
    chown postgres:postgres "$PG_DIR"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
    # fsync off: a test cluster that is thrown away; connections sized for parallel test apps.
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/server.log" \
        -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=off" start >/dev/null
    runuser -u postgres -- "$PG_BIN/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres \
        -c "CREATE ROLE braid LOGIN PASSWORD 'braid-ci-only'" -c "CREATE DATABASE braid OWNER braid" >/dev/null
    export DATABASE_URL="postgres://braid:braid-ci-only@127.0.0.1:$PG_PORT/braid?sslmode=disable"
    echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
