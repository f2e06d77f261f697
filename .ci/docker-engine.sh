#!/usr/bin/env bash
# The Docker engine the image and deploy targets use, on a private socket so it never meets another engine
# on the machine (DESIGN.md, known limits: no registry is reachable, the engine runs as root with no networking
# of its own; containers use the host network). DESIGN.md names vfs, the storage driver every kernel has; overlay2
# is used where the kernel mounts an overlay (probe_storage_driver below), since vfs copies the whole image per step.
#
#   .ci/docker-engine.sh start   install docker.io/debootstrap when missing, start dockerd when it is not
#                                answering, make the base image when absent; prints `export DOCKER_HOST=...`
#   .ci/docker-engine.sh stop    stop the dockerd this script started
#
# The base image (`alphapulse/base:bookworm`) is Debian bookworm minbase from the machine's own apt mirror,
# plus what a self-contained .NET app needs (libssl3 for TLS feeds, ca-certificates); it is cached in the
# engine's data root and as a tarball under /var/cache/alphapulse, so it is made once per machine.
set -euo pipefail

socket=/run/alphapulse-docker.sock
data_root=/var/lib/alphapulse-docker
exec_root=/run/alphapulse-docker
pid_file=/run/alphapulse-docker.pid
log_file=/var/log/alphapulse-dockerd.log
base_image=alphapulse/base:bookworm
base_cache=/var/cache/alphapulse/base-bookworm.tar
export DOCKER_HOST="unix://$socket"

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  if ((${#missing[@]} > 0)); then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# overlay2 where the kernel mounts an overlay on the data root's file system, else vfs. vfs copies the whole image
# for every build step and every container: a collector container took 2-13 s to create (up to 38 s under load),
# which made a rollout's pace, and an image build copied gigabytes.
probe_storage_driver() {
  local probe driver=vfs
  probe=$(mktemp -d "$data_root/overlay-probe.XXXXXX")
  mkdir -p "$probe"/{lower,upper,work,merged}
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    umount "$probe/merged"
    driver=overlay2
  fi
  rm -rf "$probe"
  echo "$driver"
}

start_engine() {
  if engine_answers; then
    echo "Docker engine already answering on $DOCKER_HOST"
    return
  fi
  mkdir -p "$data_root" "$exec_root"
  # DOCKER_STORAGE_DRIVER, when set, is used as given: no probe and no fallback.
  if [[ -n "${DOCKER_STORAGE_DRIVER:-}" ]]; then
    launch_dockerd "$DOCKER_STORAGE_DRIVER" || exit 1
    return
  fi
  local driver
  driver=$(probe_storage_driver)
  launch_dockerd "$driver" && return
  if [[ "$driver" != vfs ]]; then
    echo "dockerd did not start on $driver; starting it on vfs" >&2
    launch_dockerd vfs && return
  fi
  exit 1
}

# Starts dockerd on the given storage driver; fails, with the end of its log, when it exits or does not answer in 60 s.
launch_dockerd() {
  local driver=$1 pid
  echo "Starting dockerd on $DOCKER_HOST (data root $data_root, storage driver $driver, log $log_file)"
  nohup dockerd --host "$DOCKER_HOST" --data-root "$data_root" --exec-root "$exec_root" --pidfile "$pid_file" \
    --storage-driver="$driver" --iptables=false --ip6tables=false --bridge=none >"$log_file" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    engine_answers && { echo "Docker engine $(docker version --format '{{.Server.Version}}') ready"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  echo "dockerd on $driver did not answer on $DOCKER_HOST; its log ends:" >&2
  tail -n 20 "$log_file" >&2
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 1
}

# The apt mirror this machine already uses (deb822 or one-line sources), so debootstrap needs nothing new.
debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/debian.sources | awk '{print $2}' | grep -v security | head -n 1 || true)
  [[ -n "$uri" ]] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n 1 || true)
  [[ -n "$uri" ]] || { echo "no Debian mirror found in /etc/apt/sources.list*; set DEBIAN_MIRROR" >&2; exit 1; }
  echo "${DEBIAN_MIRROR:-$uri}"
}

make_base_image() {
  if docker image inspect "$base_image" >/dev/null 2>&1; then
    echo "Base image $base_image present"
    return
  fi
  if [[ -f "$base_cache" ]]; then
    echo "Loading base image $base_image from $base_cache"
    docker import "$base_cache" "$base_image" >/dev/null
    return
  fi
  local root
  root=$(mktemp -d /var/tmp/alphapulse-base.XXXXXX)
  echo "Making base image $base_image: debootstrap --variant=minbase bookworm from $(debian_mirror) (about a minute)"
  debootstrap --variant=minbase --include=libssl3,ca-certificates bookworm "$root" "$(debian_mirror)" >/var/log/alphapulse-debootstrap.log 2>&1 \
    || { tail -n 20 /var/log/alphapulse-debootstrap.log >&2; exit 1; }
  # Package caches and docs are dead weight in every image built on top.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
  # mktemp made the root 0700: the image's / must be traversable by user 1000.
  chmod 0755 "$root"
  mkdir -p "$(dirname "$base_cache")"
  tar -C "$root" -cf "$base_cache" .
  rm -rf "$root"
  docker import "$base_cache" "$base_image" >/dev/null
  echo "Base image $base_image made ($(docker image inspect "$base_image" --format '{{.Size}}') bytes)"
}

stop_engine() {
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    local pid
    pid=$(cat "$pid_file")
    echo "Stopping dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
    echo "dockerd (pid $pid) did not stop within 30 s" >&2
    return 1
  fi
}

case "${1:-}" in
  start) install_packages; start_engine; make_base_image; echo "export DOCKER_HOST=$DOCKER_HOST" ;;
  stop) stop_engine ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
