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
DEMO=out/示例
mkdir -p "$DEMO"
echo "==> 示例 1/3：生成两江新区产业创新联合体的协议要素文件"
.venv/bin/gongjian init --regime cq-liangjiang -o "$DEMO/组建协议.yaml" --force
echo "==> 示例 2/3：起草组建协议（.docx）"
.venv/bin/gongjian draft "$DEMO/组建协议.yaml" -o "$DEMO/组建协议.docx" --force
echo "==> 示例 3/3：审查刚起草的协议"
.venv/bin/gongjian check "$DEMO/组建协议.docx"
echo "==> 完成。示例文件在 $DEMO/；用法：.venv/bin/gongjian --help"
