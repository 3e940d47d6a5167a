#!/usr/bin/env bash
# 一条命令完成安装并运行示例：创建 .venv，安装 gongjian，然后在内置示例上跑一遍主要功能。
# One command: create .venv, install gongjian, run the main job on the built-in sample. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> 安装 gongjian 及其依赖（.[pdf]）"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[pdf]"
if [ "${GONGJIAN_SKIP_DEMO:-0}" = "1" ]; then exit 0; fi
echo "==> 示例：两江新区制度对协议的要求"
.venv/bin/gongjian regimes
.venv/bin/gongjian clauses --regime cq-liangjiang
.venv/bin/gongjian clauses show C13 --regime cq-liangjiang
echo "==> 完成。用法：.venv/bin/gongjian --help"
