# Shared steps of the sync tests (sourced): certificates made with openssl, the HTTPS receiver
# (receiver.py), a PostgreSQL server of the test's own (initdb and pg_ctl as the postgres user in a
# temporary directory, on a Unix socket there and a loopback port), requests submitted through the
# kiosk's own queue code (tests/tools/submit), and the database read back (dbcheck).
# Expects B (the build), T (the test's directory, made empty) and a function fail().
# Every server started here is stopped by sync_cleanup, which the caller traps on EXIT.

SYNC_PIDS=""
PG_DIR=""
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

sync_cleanup() {
    for p in $SYNC_PIDS; do kill "$p" 2>/dev/null; done
    for p in $SYNC_PIDS; do wait "$p" 2>/dev/null; done
    SYNC_PIDS=""
    if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
    fi
    [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
    PG_DIR=""
}

# Waits up to $2 seconds (default 10) for the shell condition $1 to hold.
wait_for() {
    n=0
    limit=$(( ${2:-10} * 20 ))
    while ! eval "$1"; do
        n=$((n + 1))
        [ "$n" -ge "$limit" ] && return 1
        sleep 0.05
    done
    return 0
}

# A CA, a certificate from it for 127.0.0.1/localhost, one from it for another name, and a
# self-signed one for 127.0.0.1; all in $T/tls.
make_certs() {
    d="$T/tls"
    mkdir -p "$d"
    (
        cd "$d" || exit 1
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=Test Clinic CA" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
        for name in good wrong; do
            if [ "$name" = good ]; then san="DNS:localhost,IP:127.0.0.1"; else san="DNS:receiver.example.org"; fi
            openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name"
            printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$san" >"$name.ext"
            openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
                -extfile "$name.ext" -out "$name.pem"
        done
        openssl req -x509 -newkey rsa:2048 -nodes -keyout self.key -out self.pem -days 2 -subj "/CN=127.0.0.1" \
            -addext subjectAltName=DNS:localhost,IP:127.0.0.1
    ) >"$T/openssl.log" 2>&1 || { cat "$T/openssl.log"; fail "openssl could not make the certificates"; }
}

# receiver_start NAME CERT [PORT]: the receiver with $T/tls/CERT.pem (or plain http for "none"),
# its files $T/NAME.{store,log,mode,port}; PORT reuses a port (the receiver "back" after "down").
receiver_start() {
    name=$1
    tls=""
    [ "$2" != none ] && tls="--cert $T/tls/$2.pem --key $T/tls/$2.key"
    rm -f "$T/$name.port"
    # shellcheck disable=SC2086
    python3 tests/cli/lib/receiver.py --port "${3:-0}" --port-file "$T/$name.port" $tls --secret "$T/secret" \
        --store "$T/$name.store" --log "$T/$name.log" --mode-file "$T/$name.mode" 2>>"$T/$name.err" &
    eval "RECEIVER_PID_$name=$!"
    SYNC_PIDS="$SYNC_PIDS $!"
    wait_for "[ -s '$T/$name.port' ]" 10 || fail "receiver $name did not start: $(cat "$T/$name.err")"
    eval "RECEIVER_PORT_$name=$(cat "$T/$name.port")"
}

receiver_stop() {
    eval "p=\$RECEIVER_PID_$1"
    kill "$p" 2>/dev/null
    wait "$p" 2>/dev/null
}

# The number of lines of file $1 matching the fixed string $2 (0 when the file is missing).
count() {
    if [ -f "$1" ]; then grep -cF -- "$2" "$1"; else echo 0; fi
}

# pg_start: initdb and start PostgreSQL in a new temporary directory (PG_DIR), listening on a
# Unix socket there and on 127.0.0.1:PG_PORT; loads deploy/postgresql/schema.sql and gives the
# role kiosk_sync the password in $T/pg-password.
pg_start() {
    [ -n "$PG_BIN" ] || fail "PostgreSQL's server programs are not installed (Debian's postgresql)"
    PG_DIR=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
    chown postgres "$PG_DIR"
    chmod 0700 "$PG_DIR"
    # initdb takes seconds: once a test run, into a template that each test copies.
    tpl="${KIOSK_OUT:-tests/out}/tmp/pg-template"
    if [ ! -f "$tpl/data/PG_VERSION" ]; then
        rm -rf "$tpl" && mkdir -p "$tpl" && chown postgres "$tpl"
        runuser -u postgres -- "$PG_BIN/initdb" -N -D "$tpl/data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$T/initdb.log" 2>&1 ||
            { cat "$T/initdb.log"; fail "initdb failed"; }
    fi
    cp -a "$tpl/data" "$PG_DIR/data" || fail "cannot copy the PostgreSQL template"
    tries=0
    while :; do
        PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        if pg_ctl_start; then break; fi
        tries=$((tries + 1))
        [ "$tries" -lt 3 ] || { cat "$T/pg.log"; fail "PostgreSQL did not start"; }
    done
    psql_admin -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -f deploy/postgresql/schema.sql >"$T/schema.log" 2>&1 ||
        { cat "$T/schema.log"; fail "deploy/postgresql/schema.sql did not load"; }
    printf 'pg-secret-%s\n' "$$" >"$T/pg-password"
    chmod 0600 "$T/pg-password"
    psql_admin -q -c "ALTER ROLE kiosk_sync PASSWORD '$(head -n 1 "$T/pg-password")'" >/dev/null ||
        fail "cannot set kiosk_sync's password"
}

pg_ctl_start() {
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" \
        start >"$T/pg.log" 2>&1
}

pg_restart() {
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m "${1:-fast}" -w stop >>"$T/pg.log" 2>&1
    pg_ctl_start || { cat "$T/pg.log" "$PG_DIR/log"; fail "PostgreSQL did not start again"; }
}

# psql as the superuser over the Unix socket; the database "postgres".
psql_admin() {
    runuser -u postgres -- "$PG_BIN/psql" -X -h "$PG_DIR" -p "$PG_PORT" -d postgres "$@"
}

# One number from a query as the superuser.
pg_value() {
    psql_admin -At -c "$1"
}

# submit DB N [NAME]: N made-up requests committed through the queue (tests/tools/submit).
submit() {
    "$B/tools/submit" "$1" "$2" "${3:-Ann Example}" >/dev/null || fail "cannot submit to $1"
}

# sqlite value: one number from the queue database.
db_value() {
    "$B/tools/submit" "$1" --query "$2"
}
