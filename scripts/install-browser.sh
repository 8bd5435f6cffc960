#!/bin/sh
# Install Debian's Chromium and its WebDriver for the browser test of the HTML report
# (tests/test_report_html.py). Idempotent and quiet; never fails the build:
#   - does nothing when chromium and chromedriver are already on PATH,
#   - exits 0 with a message when apt-get is unavailable or the install fails
#     (the browser test then skips with the reason).
set -u

have() { command -v "$1" >/dev/null 2>&1; }

if have chromium && have chromedriver; then
    echo "install-browser: chromium and chromedriver already installed"
    exit 0
fi

if ! have apt-get; then
    echo "install-browser: apt-get not available; install chromium and chromedriver yourself (the browser test will skip)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then
        SUDO="sudo -n"
    else
        echo "install-browser: not root and no sudo; install chromium and chromium-driver yourself (the browser test will skip)"
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing chromium and chromium-driver with apt-get"
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null 2>&1; then
    # The package lists may be missing or stale: refresh them once and try again.
    if ! { $SUDO apt-get update -qq >/dev/null 2>&1 &&
           $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null 2>&1; }; then
        echo "install-browser: apt-get could not install chromium/chromium-driver (the browser test will skip)"
        exit 0
    fi
fi

if have chromium && have chromedriver; then
    echo "install-browser: installed $(chromium --version 2>/dev/null | head -n 1)"
else
    echo "install-browser: packages installed but chromium/chromedriver not on PATH (the browser test will skip)"
fi
exit 0
