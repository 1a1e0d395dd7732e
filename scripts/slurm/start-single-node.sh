#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this host (for tests and for trying `crinf pipeline submit
# --slurm` without a cluster): installs Debian's slurm-wlm and munge when missing, generates a munge
# key and a slurm.conf for this host, starts munged, slurmctld and slurmd, and waits until the node
# is idle. Everything the daemons write lives under one folder (default /tmp/crinf-slurm, or
# $CRINF_SLURM_DIR, or the first argument); scripts/slurm/stop-single-node.sh stops it. The daemons
# listen on $CRINF_SLURM_PORT (slurmctld, default 6817) and the port after it (slurmd).
#
# Exit codes: 0 started (or already running); 3 the packages are missing and cannot be installed
# (not root, no apt-get, no network to the mirror) — callers may skip; 1 anything else.
#
# Choices a container forces (see the comments in the generated slurm.conf):
#   * slurmctld and slurmd run as root (SlurmUser=root, SlurmdUser=root): no systemd, no slurm
#     user set up for state folders, and slurmd must be root to start jobs as the submitting user.
#   * no cgroups: ProctrackType=proctrack/linuxproc, TaskPlugin=task/none, JobAcctGatherType=none.
#   * no accounting daemon: AccountingStorageType=accounting_storage/none (sacct then reports
#     nothing useful), JobCompType=jobcomp/none.
#   * munged runs with its own key, socket, pid and log under the folder (AuthInfo=socket=...), so
#     it neither needs nor touches /etc/munge and /run/munge.
set -euo pipefail

dir="${1:-${CRINF_SLURM_DIR:-/tmp/crinf-slurm}}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
conf="$dir/etc/slurm.conf"
socket="$dir/munge/munge.socket.2"
ctld_port="${CRINF_SLURM_PORT:-6817}"
slurmd_port=$(( ctld_port + 1 ))
export SLURM_CONF="$conf"

say() { printf 'start-single-node: %s\n' "$*"; }
die() { printf 'start-single-node: error: %s\n' "$*" >&2; exit "${2:-1}"; }

have_all() {
    command -v munged >/dev/null && command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
        && command -v sbatch >/dev/null && command -v squeue >/dev/null && command -v sinfo >/dev/null
}

# The Debian daemons live in /usr/sbin, which is not on every PATH.
export PATH="$PATH:/usr/sbin:/sbin"

if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null \
    && [ -f "$dir/slurmd.pid" ] && kill -0 "$(cat "$dir/slurmd.pid")" 2>/dev/null; then
    say "already running (SLURM_CONF=$conf)"
    echo "export SLURM_CONF=$conf"
    exit 0
fi

if ! have_all; then
    [ "$(id -u)" -eq 0 ] || die "slurm-wlm and munge are not installed and this is not root (cannot apt-get install)" 3
    command -v apt-get >/dev/null || die "slurm-wlm and munge are not installed and there is no apt-get" 3
    say "installing slurm-wlm and munge with apt-get (a minute or two)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >"$dir/apt.log" 2>&1 || die "apt-get update failed (no network to the Debian mirror?); see $dir/apt.log" 3
    # policy-rc.d 101: the packages' postinst must not start the stock services (they would use
    # /etc/slurm/slurm.conf, which we do not write, and /run/munge).
    restore_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        restore_policy=1
    fi
    apt_status=0
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >>"$dir/apt.log" 2>&1 || apt_status=$?
    [ -n "$restore_policy" ] && rm -f /usr/sbin/policy-rc.d
    [ "$apt_status" -eq 0 ] || die "apt-get install slurm-wlm munge failed (exit $apt_status); see $dir/apt.log" 3
    have_all || die "slurm-wlm and munge installed but a command is missing (munged, slurmctld, slurmd, sbatch, squeue, sinfo)" 3
fi

host="$(hostname -s)"
cpus="$(nproc)"
mem_mb="$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)"
# Leave some memory to the OS; slurmd drains a node whose RealMemory exceeds what it finds.
mem_mb=$(( mem_mb * 9 / 10 ))
user="$(id -un)"

mkdir -p "$dir/etc" "$dir/state" "$dir/spool" "$dir/log" "$dir/munge" "$dir/munge-key"
# The socket's folder must be searchable by every user who submits (munged warns "socket is
# inaccessible" otherwise) but writable only by its owner; the key's folder is private.
chmod 755 "$dir/munge"
chmod 700 "$dir/munge-key"

# --- munge ------------------------------------------------------------------------------------
key="$dir/munge-key/munge.key"
if [ ! -s "$key" ]; then
    if command -v mungekey >/dev/null; then
        mungekey --create --keyfile="$key" --bits=1024 --force
    else
        dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
    fi
fi
# munged refuses a key that anyone but its owner can read, and a socket folder others can write.
chmod 400 "$key"
munge_args=(--key-file="$key" --socket="$socket" --pid-file="$dir/munge/munged.pid"
            --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed")
if [ "$(id -u)" -eq 0 ]; then
    # As root munged would refuse to run ("running as root is not recommended" is fatal for some
    # checks); --force accepts it. The key is ours, so root owning it is fine.
    munge_args+=(--force)
fi
if ! { [ -f "$dir/munge/munged.pid" ] && kill -0 "$(cat "$dir/munge/munged.pid")" 2>/dev/null; }; then
    munged "${munge_args[@]}" || die "munged did not start; see $dir/log/munged.log"
fi
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || die "munged started but its socket $socket did not appear; see $dir/log/munged.log"
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null || die "munge round trip failed; see $dir/log/munged.log"

# --- slurm.conf --------------------------------------------------------------------------------
cat > "$conf" <<EOF
# Generated by scripts/slurm/start-single-node.sh for a single-node cluster on $host.
ClusterName=crinf
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
# No cgroups in a container: track job processes by parent pid, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
# No slurmdbd: sacct reports nothing (crinf pipeline status copes).
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
DefMemPerCPU=1024
MpiDefault=none
# The default MailProg (/bin/mail) is not installed; slurmctld logs an error at every start.
MailProg=/bin/true
SwitchType=switch/none
ReturnToService=2
SchedulerType=sched/backfill
MaxArraySize=10001
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

# --- daemons -----------------------------------------------------------------------------------
# -i: ignore state left by an earlier cluster in this folder (job ids restart from 1).
slurmctld -i -f "$conf" || die "slurmctld did not start; see $dir/log/slurmctld.log"
slurmd -f "$conf" || die "slurmd did not start; see $dir/log/slurmd.log"

state=""
for _ in $(seq 60); do
    state="$(sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n1 || true)"
    case "$state" in
        idle*) break ;;
        drain*|down*|inval*|fail*)
            reason="$(sinfo -h -n "$host" -o '%E' 2>/dev/null | head -n1 || true)"
            die "node $host is $state ($reason); see $dir/log/slurmd.log and $dir/log/slurmctld.log" ;;
    esac
    sleep 1
done
case "$state" in
    idle*) ;;
    *) die "node $host did not become idle within 60 s (state: ${state:-unknown}); see $dir/log/slurmd.log and $dir/log/slurmctld.log" ;;
esac

say "single-node cluster up: node $host, $cpus CPUs, ${mem_mb} MB, partition debug, user $user"
say "use it with:   export SLURM_CONF=$conf"
say "stop it with:  scripts/slurm/stop-single-node.sh $dir"
echo "export SLURM_CONF=$conf"
