#!/usr/bin/env bash
# 一条命令运行全部测试：安装测试所需的一切（Python 扩展与 Debian 软件包），再运行 pytest。
# One command: install everything the tests need (Python extras, Debian packages), then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[all]"

# Debian packages the tests use; installed only when missing (machines run as root).
need=()
for pkg in $(cat scripts/debian-packages.txt 2>/dev/null | sed 's/#.*//'); do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "==> 安装 Debian 软件包：${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "错误：没有运行任何测试" >&2
  exit 1
fi
exit "$code"
