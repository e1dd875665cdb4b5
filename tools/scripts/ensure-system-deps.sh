#!/usr/bin/env bash
# Makes sure the system binaries our integration and e2e tiers run against are installed:
#   nats   -> nats-server (Debian package `nats-server`)
#   postgres -> PostgreSQL server binaries initdb/pg_ctl/postgres (Debian package `postgresql`)
#   chromium -> /usr/bin/chromium (Debian package `chromium`) for the console's browser tests; only when asked
# The tests start their own servers in temp dirs (libs/testing), so this script only installs the
# binaries and makes sure the distro's own services are NOT started by the install.
#
# Usage: tools/scripts/ensure-system-deps.sh [nats] [postgres] [chromium]   (no argument: nats and postgres)
# Idempotent: when everything is present it only prints the versions in use.
set -euo pipefail

usage() {
  echo "usage: $0 [nats] [postgres] [chromium]   (default: nats and postgres)"
}

want_nats=0
want_postgres=0
want_chromium=0
if (($# == 0)); then
  want_nats=1
  want_postgres=1
fi
for arg in "$@"; do
  case "$arg" in
    nats | nats-server) want_nats=1 ;;
    postgres | postgresql | pg) want_postgres=1 ;;
    chromium | chrome) want_chromium=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "ensure-system-deps: unknown argument '$arg'" >&2
      usage >&2
      exit 2
      ;;
  esac
done

# Prints the directory holding initdb, pg_ctl and postgres: the newest /usr/lib/postgresql/*/bin
# (Debian keeps them off PATH), else the directory of initdb on PATH.
find_postgres_bin_dir() {
  local dir
  while IFS= read -r dir; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      echo "$dir"
      return 0
    fi
  done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r)
  local initdb
  if initdb="$(command -v initdb)" && command -v pg_ctl >/dev/null && command -v postgres >/dev/null; then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  return 1
}

# Debian puts nats-server in /usr/sbin, which is not on a non-root user's PATH.
find_nats_server() {
  command -v nats-server || { [[ -x /usr/sbin/nats-server ]] && echo /usr/sbin/nats-server; }
}

missing_packages=()
if ((want_nats)) && ! find_nats_server >/dev/null; then
  missing_packages+=(nats-server)
fi
if ((want_postgres)) && ! find_postgres_bin_dir >/dev/null; then
  missing_packages+=(postgresql)
fi
# playwright-core drives this exact binary (apps/gateway/e2e/console.e2e-spec.ts): no browser download.
if ((want_chromium)) && [[ ! -x /usr/bin/chromium ]]; then
  missing_packages+=(chromium)
fi

if ((${#missing_packages[@]} > 0)); then
  sudo_cmd=()
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null; then
      echo "ensure-system-deps: missing ${missing_packages[*]} and not root (no sudo either)." >&2
      echo "  Install as root: apt-get update && apt-get install -y ${missing_packages[*]}" >&2
      exit 1
    fi
    # Without a terminal a password prompt would hang CI: fail fast instead.
    if [[ -t 0 ]]; then sudo_cmd=(sudo); else sudo_cmd=(sudo -n); fi
  fi

  # policy-rc.d returning 101 tells invoke-rc.d not to start services, so installing `postgresql`
  # does not leave the distro's cluster running. Keep an existing policy that already denies.
  policy=/usr/sbin/policy-rc.d
  policy_backup=""
  policy_written=0
  restore_policy() {
    if ((policy_written)); then
      "${sudo_cmd[@]}" rm -f "$policy"
      if [[ -n "$policy_backup" ]]; then "${sudo_cmd[@]}" mv "$policy_backup" "$policy"; fi
    fi
  }
  trap restore_policy EXIT
  if ! { [[ -x "$policy" ]] && grep -qx 'exit 101' "$policy"; }; then
    if [[ -e "$policy" ]]; then
      policy_backup="$policy.hookrelay-backup"
      "${sudo_cmd[@]}" mv "$policy" "$policy_backup"
    fi
    policy_written=1
    printf '#!/bin/sh\n# written by hookrelay ensure-system-deps.sh during apt-get install\nexit 101\n' |
      "${sudo_cmd[@]}" tee "$policy" >/dev/null
    "${sudo_cmd[@]}" chmod 755 "$policy"
  fi

  echo "ensure-system-deps: installing ${missing_packages[*]} ..."
  log="$(mktemp)"
  if ! "${sudo_cmd[@]}" apt-get update -q >"$log" 2>&1 ||
    ! "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing_packages[@]}" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    echo "ensure-system-deps: apt-get failed installing ${missing_packages[*]} (output above)" >&2
    exit 1
  fi
  rm -f "$log"
fi

if ((want_nats)); then
  if ! nats_bin="$(find_nats_server)"; then
    echo "ensure-system-deps: nats-server still not found after install" >&2
    exit 1
  fi
  echo "$("$nats_bin" --version 2>&1 | head -n 1) ($nats_bin)"
fi
if ((want_postgres)); then
  if ! pg_dir="$(find_postgres_bin_dir)"; then
    echo "ensure-system-deps: PostgreSQL server binaries (initdb, pg_ctl, postgres) still not found after install" >&2
    exit 1
  fi
  echo "postgres: $("$pg_dir/postgres" --version) ($pg_dir)"
fi
if ((want_chromium)); then
  if [[ ! -x /usr/bin/chromium ]]; then
    echo "ensure-system-deps: /usr/bin/chromium still not found after install" >&2
    exit 1
  fi
  echo "$(/usr/bin/chromium --version 2>/dev/null | head -n 1) (/usr/bin/chromium)"
fi
