"""click's own messages (usage errors, help headings) in Chinese, as the rest of the command line speaks.

click marks its messages with ``gettext`` (``from gettext import gettext as _`` in each of its modules) but has no
Chinese catalogue, and a catalogue would only be used under a Chinese locale. :func:`install` points those
module-level ``_`` and ``ngettext`` names at :data:`CLICK_ZH`; a message not listed here stays as click wrote it.
:func:`show_usage_error` prints a usage error the way gongjian prints its own errors: one ``错误：`` line and one
``提示：`` line, never a block of English.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

#: click's message ids → Chinese (click 8.1–8.5; the ids have been stable since click 8.0).
CLICK_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看用法和示例。",
    "Error: {message}": "错误：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否想输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想输入其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，实际给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，实际给了 {len} 个。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一（{choices}）。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值；可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合以下任一格式：{formats}。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件，这里需要文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个文件夹，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 没有写入权限。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Value must be an iterable.": "值必须是列表。",
    "unknown error": "未知错误",
}

_MODULES = ("click.core", "click.exceptions", "click.types", "click.parser", "click.decorators", "click.formatting",
            "click.termui")


def translate(message: str) -> str:
    """Return click's ``message`` in Chinese, or as it is when it has no translation here.

    >>> translate("Missing argument"), translate("Something new")
    ('缺少参数', 'Something new')
    """
    return CLICK_ZH.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """``ngettext`` for click's messages: Chinese has one form for both."""
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Make click's modules look their messages up here (idempotent)."""
    for name in _MODULES:
        try:
            module: Any = importlib.import_module(name)
        except ImportError:  # a module a later click no longer has: its messages stay English
            continue
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural


def show_usage_error(exc: click.UsageError) -> None:
    """Print a usage error as gongjian prints its errors: ``错误：…`` and a ``提示：`` line with the usage."""
    message = exc.format_message().strip()
    if message.endswith("."):
        message = message[:-1] + "。"
    click.secho(f"错误：{message}", fg="red", err=True)
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage().strip()
        usage = usage.removeprefix(translate("Usage:")).removeprefix("Usage:").strip()
        click.echo(f"提示：用法 {usage}；运行 {ctx.command_path} -h 查看说明和示例", err=True)
