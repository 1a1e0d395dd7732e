#!/usr/bin/env bash
# Stops the single-node Slurm cluster that scripts/slurm/start-single-node.sh started from the same
# folder (default /tmp/crinf-slurm, or $CRINF_SLURM_DIR, or the first argument): cancels its jobs,
# kills what is left of them, then stops slurmd, slurmctld and munged by the pids in their pid files
# (never by name). Leaves the folder (logs, state) in place; pass --purge as second argument to
# delete it. Exits 0 when nothing of the cluster is left running.
set -uo pipefail

dir="${1:-${CRINF_SLURM_DIR:-/tmp/crinf-slurm}}"
purge="${2:-}"
export PATH="$PATH:/usr/sbin:/sbin"
say() { printf 'stop-single-node: %s\n' "$*"; }

if [ ! -d "$dir" ]; then
    say "no cluster folder $dir; nothing to stop"
    exit 0
fi
dir="$(cd "$dir" && pwd)"
export SLURM_CONF="$dir/etc/slurm.conf"

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
pid_of() { [ -f "$1" ] && tr -dc '0-9' < "$1" || true; }

# Stops one daemon: SIGTERM, up to 15 s, then SIGKILL.
stop_pid() {
    local name="$1" pid="$2"
    alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 150); do alive "$pid" || { say "stopped $name (pid $pid)"; return 0; }; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    for _ in $(seq 50); do alive "$pid" || { say "killed $name (pid $pid)"; return 0; }; sleep 0.1; done
    say "error: $name (pid $pid) is still running"
    return 1
}

ctld="$(pid_of "$dir/slurmctld.pid")"
slurmd_pid="$(pid_of "$dir/slurmd.pid")"
munged_pid="$(pid_of "$dir/munge/munged.pid")"

if alive "$ctld" && [ -f "$SLURM_CONF" ] && command -v squeue >/dev/null; then
    jobs="$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')"
    if [ -n "${jobs// /}" ]; then
        say "cancelling jobs: $jobs"
        # shellcheck disable=SC2086
        scancel $jobs 2>/dev/null || true
        for _ in $(seq 100); do
            [ -z "$(squeue -h -o '%A' 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
fi

# Job processes that outlived the cancel (slurmstepd and its children), as slurmd lists them.
if alive "$slurmd_pid" && command -v scontrol >/dev/null; then
    leftovers="$(scontrol listpids 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ { print $1 }' | tr '\n' ' ')"
    for pid in $leftovers; do
        alive "$pid" && kill -KILL "$pid" 2>/dev/null && say "killed job process $pid"
    done
fi

status=0
stop_pid slurmd "$slurmd_pid" || status=1
stop_pid slurmctld "$ctld" || status=1
stop_pid munged "$munged_pid" || status=1
rm -f "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"

if [ "$status" -eq 0 ] && [ "$purge" = "--purge" ]; then
    rm -rf "$dir"
    say "removed $dir"
fi
[ "$status" -eq 0 ] && say "single-node cluster in $dir is stopped"
exit "$status"
