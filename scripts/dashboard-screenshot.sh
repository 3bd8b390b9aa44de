#!/usr/bin/env bash
#
# Renders a Rapport HTML dashboard with headless Chromium into a PNG, and proves that the page
# made no network request.
#
# usage: scripts/dashboard-screenshot.sh [page.html] [screenshot.png]
#   page.html        the dashboard page (default target/rapport-report.html, the report that the
#                    main command writes: mvn -q -pl examples -am compile exec:java)
#   screenshot.png   where to write the picture (default docs/images/dashboard.png)
#   WINDOW_SIZE      the viewport captured, as width,height (default 1280,2400); headless Chromium
#                    captures the viewport only, so raise the height for a long page
#
# How "no network request" is proven. Chromium writes a net log (--log-net-log) of every request
# its network stack sees, one event per line. A URL in it whose scheme is not file:, data:,
# about: or chrome: is a request for the network. Chromium itself makes a few such requests at
# start-up that no flag turns off (the account list from accounts.google.com, the component
# updater); the net log starts those with no initiator ("initiator":"not an origin") and outside
# the page's network partition, whereas whatever the page asks for (an image, a font, a style
# sheet, a frame, a navigation) is started with the page as its initiator and a file://
# partition. The script sets the start-up requests aside, says which they were, and fails if any
# other URL is left. Host names resolve to nothing meanwhile (--host-resolver-rules), so that no
# request leaves the machine either way.
#
# Needs Debian's chromium package, and installs it with apt-get when it is missing (as root).
# Writes nothing but the screenshot: its scratch directory is removed on exit.
set -euo pipefail

html=${1:-target/rapport-report.html}
png=${2:-docs/images/dashboard.png}
window_size=${WINDOW_SIZE:-1280,2400}

die() {
  echo "dashboard-screenshot: $*" >&2
  exit 1
}

[[ -f $html ]] || die "no HTML page at '$html'; run the main command first (mvn -q -pl examples -am compile exec:java writes target/rapport-report.html), or give the page written by DashboardReport.html(dashboard)"
[[ $window_size =~ ^[0-9]+,[0-9]+$ ]] || die "WINDOW_SIZE must be width,height, not '$window_size'"

if ! command -v chromium >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 \
    || die "chromium is not installed and there is no apt-get to install it with; install Debian's chromium package"
  if [[ $(id -u) -ne 0 ]]; then
    die "chromium is not installed, and installing it needs root: run this script as root, or first run
  sudo apt-get update && sudo apt-get install -y chromium"
  fi
  echo "dashboard-screenshot: chromium is missing; installing Debian's chromium package" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# A file: URL for a path, percent-encoding every byte that is not plainly safe.
file_url() {
  local LC_ALL=C
  local path=$1 url='' c i
  for ((i = 0; i < ${#path}; i++)); do
    c=${path:i:1}
    case $c in
      [a-zA-Z0-9/._~-]) url+=$c ;;
      *) url+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf 'file://%s' "$url"
}

# The URLs in net log lines, one a line, without duplicates.
urls() {
  grep -o '"url":"[^"]*"' | sed -e 's/^"url":"//' -e 's/"$//' | sort -u
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
netlog=$scratch/netlog.json
page_url=$(file_url "$(realpath "$html")")
mkdir -p "$(dirname "$png")"
out=$(realpath -m "$png")
rm -f "$out"

if ! timeout 180 chromium \
  --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-extensions --disable-default-apps --no-default-browser-check \
  --disable-client-side-phishing-detection --disable-domain-reliability --no-pings \
  --disable-features=NetworkTimeServiceQuerying,Translate,OptimizationHints,MediaRouter \
  --host-resolver-rules='MAP * ~NOTFOUND' \
  --user-data-dir="$scratch/profile" --window-size="$window_size" --hide-scrollbars \
  --log-net-log="$netlog" --screenshot="$out" "$page_url" >"$scratch/chromium.log" 2>&1; then
  cat "$scratch/chromium.log" >&2
  die "chromium failed on '$html'"
fi
[[ -s $out ]] || { cat "$scratch/chromium.log" >&2; die "chromium wrote no screenshot"; }

# The net log must be whole: its constants, its events, and the closing brace Chromium writes
# when it shuts down cleanly. A truncated log would prove nothing.
[[ -s $netlog ]] || die "chromium wrote no net log"
grep -q '"constants"' "$netlog" && grep -q '"events"' "$netlog" \
  || die "the net log at $netlog does not look like one"
[[ $(tail -n 1 "$netlog") == "}" ]] || die "the net log is incomplete"

# Every URL with a scheme that reaches for the network.
urls <"$netlog" | { grep -Ev '^(file|data|about|chrome):' || true; } >"$scratch/network"
# Chromium's own start-up requests: no initiator, and not in the page's (file://) partition.
{ grep '"initiator":"not an origin"' "$netlog" || true; } \
  | { grep -v '"network_isolation_key":"file:' || true; } \
  | urls | { grep -Ev '^(file|data|about|chrome):' || true; } >"$scratch/browser"
comm -23 "$scratch/network" "$scratch/browser" >"$scratch/page"

if [[ -s $scratch/page ]]; then
  echo "dashboard-screenshot: the page made network requests:" >&2
  sed 's/^/  /' "$scratch/page" >&2
  rm -f "$out"
  exit 1
fi

echo "screenshot: $png ($window_size)"
echo "network: the page made no request (its net log holds no URL other than file:, data:, about: or chrome: that the page started)"
if [[ -s $scratch/browser ]]; then
  echo "  set aside, Chromium's own start-up requests (blocked from resolving):"
  sed -e 's/^\([a-z]*:\/\/[^/?]*\).*/\1/' "$scratch/browser" | sort -u | sed 's/^/    /'
fi
