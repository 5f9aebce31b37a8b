#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the .NET SDK: installs the
# Debian packages the tests drive (kubectl, ...), builds, runs every test project, and
# ends with one summary line "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need_packages=()
command -v kubectl >/dev/null 2>&1 || need_packages+=(kubernetes-client)
command -v sqlite3 >/dev/null 2>&1 || need_packages+=(sqlite3)
command -v slapd >/dev/null 2>&1 || [ -x /usr/sbin/slapd ] || need_packages+=(slapd ldap-utils)
# The registry tests push and pull with real clients: skopeo, podman and buildah need no daemon;
# containerd (with its client ctr) runs as a private daemon of the tests, on its own socket.
command -v skopeo >/dev/null 2>&1 || need_packages+=(skopeo)
command -v podman >/dev/null 2>&1 || need_packages+=(podman)
command -v buildah >/dev/null 2>&1 || need_packages+=(buildah)
command -v containerd >/dev/null 2>&1 || need_packages+=(containerd)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_prefix=()
  [ "$(id -u)" -ne 0 ] && apt_prefix=(sudo)
  "${apt_prefix[@]}" apt-get update -qq
  "${apt_prefix[@]}" apt-get install -y -qq --no-install-recommends "${need_packages[@]}"
fi

echo "building..."
dotnet build tke.slnx -c Release --nologo -clp:ErrorsOnly -v quiet

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test tke.slnx -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# Sum the per-assembly results ("Passed!  - Failed: 0, Passed: 42, Skipped: 0, ...").
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
