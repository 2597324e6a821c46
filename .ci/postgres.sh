#!/usr/bin/env bash
# Sourced by .ci/run: postgres_start starts a throw-away PostgreSQL cluster on 127.0.0.1 (installing the Debian
# package first when missing and running as root) and exports ZKINFER_TEST_POSTGRES_URL, so that the ledger tests
# also run on PostgreSQL; postgres_stop stops it and removes its files. Without PostgreSQL it prints one line and
# the PostgreSQL cases skip, saying why.

postgres_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -z "$bin" && "$(id -u)" == 0 ]]; then
    echo ".ci/postgres.sh: installing postgresql"
    apt-get update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  if [[ -z "$bin" ]]; then
    echo ".ci/postgres.sh: PostgreSQL is not installed (run as root to install it); its ledger tests will skip"
    return 0
  fi
  local port=55432
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  ZKINFER_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/zkinfer-pg.XXXXXX")
  local as=(bash -c)
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres "$ZKINFER_PG_DIR"
    as=(su postgres -s /bin/bash -c)
  fi
  ZKINFER_PG_AS=("${as[@]}")
  ZKINFER_PG_BIN=$bin
  if ! "${as[@]}" "'$bin/initdb' -D '$ZKINFER_PG_DIR/data' -A trust -U zkinfer >'$ZKINFER_PG_DIR/initdb.log' 2>&1 \
    && '$bin/pg_ctl' -D '$ZKINFER_PG_DIR/data' -w -t 30 -l '$ZKINFER_PG_DIR/server.log' \
         -o \"-p $port -k '$ZKINFER_PG_DIR' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null \
    && '$bin/createdb' -h 127.0.0.1 -p $port -U zkinfer zkinfer"; then
    echo ".ci/postgres.sh: PostgreSQL did not start (logs were in $ZKINFER_PG_DIR); its ledger tests will skip"
    postgres_stop
    return 0
  fi
  export ZKINFER_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/zkinfer?user=zkinfer"
  echo ".ci/postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the ledger tests"
}

postgres_stop() {
  if [[ -n "${ZKINFER_PG_DIR:-}" ]]; then
    "${ZKINFER_PG_AS[@]}" "'$ZKINFER_PG_BIN/pg_ctl' -D '$ZKINFER_PG_DIR/data' -m fast stop >/dev/null" || true
    rm -rf "$ZKINFER_PG_DIR"
    unset ZKINFER_PG_DIR ZKINFER_TEST_POSTGRES_URL
  fi
}
