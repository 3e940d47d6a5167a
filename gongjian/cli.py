"""The ``gongjian`` command line: parse arguments, call the public API, format, map errors to exit codes.

Exit codes: 0 no error-level finding; 1 error-level findings; 2 bad usage, invalid spec or unreadable input;
3 internal failure; 130 / 143 interrupted by Ctrl-C / SIGTERM. A user's mistake never shows a traceback
(``--debug`` does). Whatever the terminal's encoding, printing never fails (characters it cannot show are
replaced), and a reader that stops reading (``gongjian check … | head``) changes nothing but the output.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from gongjian import __version__
from gongjian.clauses.levels import LEVEL_NAMES as _LEVEL_NAMES
from gongjian.clauses.levels import LEVEL_NOTES
from gongjian.clauses.names import family_name, naming_pattern_text, status_name
from gongjian.cli_messages import install as _install_click_messages
from gongjian.cli_messages import show_usage_error
from gongjian.errors import GongjianError, Interrupted

LEVEL_SHORT = {"MUST-A": "M", "MUST-C": "C", "SHOULD": "S", "PROC": "P", "LAW": "L", "INFO": "I"}
LEVEL_NAMES = {level: f"{name}（{LEVEL_NOTES[level]}）" if level in LEVEL_NOTES else name
               for level, name in _LEVEL_NAMES.items()}
FORMATS = click.Choice(["text", "json"])


def _input(**kwargs: Any) -> click.Path:
    """An input path: gongjian reads it itself and says in Chinese why it cannot (click's check is English)."""
    return click.Path(readable=False, **kwargs)

CHECK_FORMATS = ["text", "json", "jsonl", "csv", "xlsx", "html"]
#: ``ctx.meta`` key of the exit code a command has decided before it prints (kept if the reader closes the pipe).
EXIT_CODE = "gongjian.exit_code"
STOPPED = {
    signal.SIGINT: "已中断（Ctrl-C）：操作未完成，没有写出不完整的文件，原有文件未改动",
    signal.SIGTERM: "已终止（收到 SIGTERM）：操作未完成，没有写出不完整的文件，原有文件未改动",
}

_install_click_messages()


def _fail(ctx: click.Context, exc: GongjianError) -> None:
    click.secho(f"错误：{exc}", fg="red", err=True)
    if exc.hint:
        click.echo(f"提示：{exc.hint}", err=True)
    ctx.exit(exc.exit_code)


def handled(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command so that gongjian's errors become a message and an exit code, not a traceback.

    Interrupts are left to :class:`Gongjian` (the root command), which also sees those outside a command.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = _debug(ctx)
        try:
            return func(*args, **kwargs)
        except GongjianError as exc:
            if debug:
                raise
            _fail(ctx, exc)
        except BrokenPipeError:  # the reader stopped reading: the command's own verdict stands
            _discard_stdout()
            ctx.exit(ctx.meta.get(EXIT_CODE, 0))
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except OSError as exc:  # the system refused: a full disk under a redirected output, no permission …
            if debug:
                raise
            from gongjian.files import os_reason

            _stdout_failed()
            click.secho(f"错误：无法读写文件（{os_reason(exc)}）", fg="red", err=True)
            click.echo("提示：检查磁盘空间、文件和文件夹的权限，或把输出写到别处", err=True)
            ctx.exit(2)
        except Exception as exc:  # noqa: BLE001 - the one translation point for unexpected failures
            if debug:
                raise
            click.secho(f"内部错误：{type(exc).__name__}: {exc}", fg="red", err=True)
            click.echo("提示：这是 gongjian 的缺陷，请加 --debug 重新运行并报告输出", err=True)
            ctx.exit(3)

    return wrapper


def _discard_stdout() -> None:
    """Send what is still to be printed nowhere: the reader is gone (a closed pipe) or the output cannot be written.

    The file descriptor is replaced, not closed, so that Python's own flush at exit succeeds quietly.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's buffer)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _stdout_failed() -> None:
    """Discard standard output if writing to it is what failed (so that the exit is not a second failure)."""
    try:
        sys.stdout.flush()
    except OSError:
        _discard_stdout()


def _write(text: str) -> None:
    """Print to standard output; a reader that has closed the pipe is not an error."""
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("debug", False))


def _library():
    from gongjian import load_library

    return load_library()


def _echo_json(data: Any) -> None:
    _write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _console(file=None, width: int | None = None):
    """Return a rich console for the user's text: never markup or emoji codes taken from the text itself.

    Text that is printed (file names, quotes) is escaped where it is put into markup (``rich.markup.escape``);
    emoji codes (``:warning:``) are never replaced. On a terminal lines wrap at its width; into a pipe or a file
    they are not wrapped at all, so that a number or an id is never broken across lines.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich exits with 1 here: a closed pipe is not an error finding
            self.quiet = True
            _discard_stdout()

    terminal = file is None and sys.stdout.isatty()
    return _Console(file=file, highlight=False, emoji=False, soft_wrap=not terminal,
                    width=width or (None if terminal else 160), no_color=file is not None or None)


class Gongjian(click.Group):
    """The root command: what happens around every command, as one policy.

    Usage errors are one Chinese line and a hint (click's own messages are in Chinese too: ``cli_messages``);
    Ctrl-C and SIGTERM stop the work (a batch's workers included) and exit 130 / 143 with one line; standard
    output never fails on a character the terminal's encoding lacks.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: D102
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        _tolerant_stdout()
        previous = _stop_on_signals()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            show_usage_error(exc)
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except (click.Abort, KeyboardInterrupt):
            code = _stopped(signal.SIGINT)
        except Interrupted as exc:
            code = _stopped(exc.signum)
        finally:
            _restore_signals(previous)
        try:
            sys.stdout.flush()
        except OSError:  # a closed pipe, or a full disk already reported
            _discard_stdout()
        sys.exit(code if isinstance(code, int) else 0)


def _stopped(signum: int) -> int:
    click.secho(STOPPED.get(signum, f"已停止（收到信号 {signum}）：操作未完成"), fg="red", err=True)
    return 128 + signum


def _tolerant_stdout() -> None:
    """Replace what standard output cannot encode (a GBK or ASCII console) instead of failing on it."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # a stream that cannot change (already written in a way that forbids it)
            pass


def _stop_on_signals() -> dict[int, Any]:
    """Make SIGINT and SIGTERM raise :class:`Interrupted` once; return the handlers they replace.

    The first signal stops the work; a second one (Ctrl-C pressed twice) is ignored, so that it cannot interrupt
    the clean-up (ending the workers, removing a temporary file) halfway.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum: int, frame: Any) -> None:
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {}
    for s in (signal.SIGINT, signal.SIGTERM):
        previous[s] = signal.getsignal(s)
        if previous[s] is not signal.SIG_IGN:  # started with a signal ignored (nohup, a background job): keep that
            signal.signal(s, stop)
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    for s, handler in previous.items():
        signal.signal(s, handler if handler is not None else signal.SIG_DFL)


@click.group(cls=Gongjian, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, "-V", "--version", prog_name="gongjian")
@click.option("--debug", is_flag=True, help="出错时显示完整的调用栈（用于报告缺陷）。")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """共建：创新联合体、技术创新中心、产业创新中心组建协议的起草与审查。

    \b
    示例：
      gongjian regimes                      列出支持的五个制度
      gongjian regimes show cq-liangjiang   查看两江新区对协议的全部要求
      gongjian clauses --regime js-fusion   查看该制度要求的条款类别
      gongjian clauses show C07             查看“知识产权归属”的要素、弱化信号与标准条款
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# --------------------------------------------------------------------------------------------------- regimes


@cli.group("regimes", invoke_without_command=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@click.pass_context
@handled
def regimes_cmd(ctx: click.Context, fmt: str) -> None:
    """列出支持的制度（政策文件）。

    \b
    示例：
      gongjian regimes
      gongjian regimes --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    lib = _library()
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "issuer": r.issuer,
            "document_number": r.document_number,
            "status": r.status,
            "policy_file": r.policy_file,
            "requirements": len(r.requirements),
        }
        for r in lib.regimes.values()
    ]
    if fmt == "json":
        _echo_json(rows)
        return
    from rich.table import Table

    table = Table(title="支持的制度", show_lines=False)
    for col in ("编号", "政策文件", "发文机关", "文号", "状态", "要求数"):
        table.add_column(col, no_wrap=col in {"编号", "状态"})
    for r in rows:
        table.add_row(r["id"], r["name"], r["issuer"], r["document_number"] or "—", status_name(r["status"]),
                      str(r["requirements"]))
    _console().print(table)
    click.echo("查看某一制度的要求：gongjian regimes show <编号>")


@regimes_cmd.command("show")
@click.argument("regime_id", metavar="REGIME")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@handled
def regimes_show(regime_id: str, fmt: str) -> None:
    """显示一个制度对协议的全部要求：级别、条款出处与原文。

    \b
    示例：
      gongjian regimes show cq-liangjiang
      gongjian regimes show js-consortium --format json
    """
    from gongjian.nlp.reporting import level_name

    lib = _library()
    regime = lib.regime(regime_id)
    if fmt == "json":
        _echo_json(regime.model_dump(mode="json"))
        return
    console = _console()
    console.print(f"[bold]{regime.name}[/bold]（{regime.id}）")
    console.print(f"发文机关：{regime.issuer}    文号：{regime.document_number or '无'}    "
                  f"状态：{status_name(regime.status)}")
    console.print(f"政策文件：{regime.policy_file}    平台形态：{regime.platform_form}")
    console.print(_signature_line(regime))
    if regime.naming_pattern:
        console.print(f"平台名称格式：{naming_pattern_text(regime.naming_pattern)}", markup=False)
        if _debug(click.get_current_context()):
            console.print(f"    正则：{regime.naming_pattern}", style="dim", markup=False)
    if regime.term_years:
        console.print(f"期限：协议期限应覆盖 {regime.term_years} 年")
    console.print()
    for req in regime.requirements:
        cats = "、".join(req.categories) or "—"
        level = f"[{_level_style(req.level)}]{level_name(req.level)}[/]"
        console.print(f"[bold]{req.id}[/bold] {req.topic}  {level}  类别：{cats}")
        console.print(f"    {req.requirement}")
        for q in req.quotes:
            console.print(f"    「{q.text}」（{regime.policy_file} {q.cite}）", style="dim")
    if regime.composition:
        console.print("\n[bold]成员构成规则[/bold]")
        for rule in regime.composition:
            console.print(f"  {rule.id}（{rule.requirement}，{_sev(rule.severity)}）：{rule.description}")
    if regime.prohibitions:
        console.print("\n[bold]禁止性规定[/bold]")
        for rule in regime.prohibitions:
            console.print(f"  {rule.id}（{rule.requirement}，{_sev(rule.severity)}）：{rule.description}")


def _signature_line(regime) -> str:
    sig = regime.signature
    if sig.both_required:
        how = "须由法定代表人签字并加盖公章（二者缺一不可，不接受授权代表）"
    else:
        how = "各方签字或盖章；授权代表签字须附授权委托书"
    return f"签署要求：{how}" + (f"（{sig.cite}）" if sig.cite else "")


def _level_style(level: str) -> str:
    return "red" if level.startswith("MUST-A") else "yellow" if level.startswith("MUST-C") else "cyan"


def _sev(severity: str) -> str:
    return {"error": "错误", "warning": "警告", "info": "提示"}[severity]


# --------------------------------------------------------------------------------------------------- clauses


@cli.group("clauses", invoke_without_command=True)
@click.option("--regime", "regime_ids", multiple=True, metavar="REGIME", help="只看这些制度（可重复）。")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@click.pass_context
@handled
def clauses_cmd(ctx: click.Context, regime_ids: tuple[str, ...], fmt: str) -> None:
    """列出条款类别 C01–C25，以及制度 × 类别的要求矩阵。

    M=必备 C=组建条件 S=建议 P=程序义务 L=法律要求 —=未要求。

    \b
    示例：
      gongjian clauses
      gongjian clauses --regime cq-liangjiang
      gongjian clauses --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    lib = _library()
    regimes = [lib.regime(r).id for r in regime_ids] or list(lib.regimes)
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "required": {r: lib.level(c.id, r) for r in regimes},
            "cite": {r: c.requirements[r].cite for r in regimes if r in c.requirements},
        }
        for c in lib.categories.values()
    ]
    if fmt == "json":
        _echo_json(rows)
        return
    from rich.table import Table

    table = Table(title="条款类别与各制度的要求", show_lines=False)
    table.add_column("编号", no_wrap=True)
    table.add_column("类别", no_wrap=True)
    for r in regimes:
        table.add_column(r, justify="center")
    if len(regimes) == 1:
        table.add_column("出处")
    for row in rows:
        cells = [_matrix_cell(row["required"][r]) for r in regimes]
        extra = [row["cite"].get(regimes[0], "")] if len(regimes) == 1 else []
        table.add_row(row["id"], row["name"], *cells, *extra)
    _console().print(table)
    click.echo("M=必备 C=组建条件 S=建议 P=程序义务 L=法律要求 —=未要求；查看详情：gongjian clauses show C07")


def _matrix_cell(level: str | None) -> str:
    if level is None:
        return "—"
    short = LEVEL_SHORT[level]
    return f"[red]{short}[/]" if short == "M" else short


@clauses_cmd.command("show")
@click.argument("category_id", metavar="CATEGORY")
@click.option("--regime", "regime_ids", multiple=True, metavar="REGIME", help="只看这些制度的要求（可重复）。")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@handled
def clauses_show(category_id: str, regime_ids: tuple[str, ...], fmt: str) -> None:
    """显示一个条款类别：要求、完整条款的要素、弱化信号、依据、标准条款与备选方案。

    \b
    示例：
      gongjian clauses show C07
      gongjian clauses show C13 --regime cq-liangjiang
      gongjian clauses show c09 --format json
    """
    lib = _library()
    cat = lib.category(category_id)
    regimes = [lib.regime(r).id for r in regime_ids] or list(lib.regimes)
    if fmt == "json":
        data = cat.model_dump(mode="json")
        data["requirements"] = {r: v for r, v in data["requirements"].items() if r in regimes}
        _echo_json(data)
        return
    console = _console()
    console.print(f"[bold]{cat.id} {cat.name}[/bold]")
    console.print(cat.summary)
    console.print("\n[bold]各制度的要求[/bold]")
    for r in regimes:
        req = cat.requirements.get(r)
        if req is None:
            console.print(f"  {r}：未要求")
        else:
            ids = f"（{'、'.join(req.requirement_ids)}）" if req.requirement_ids else ""
            console.print(f"  {r}：[{_level_style(req.level)}]{LEVEL_NAMES[req.level]}[/] {lib.cite(req.cite)}{ids}")
    if cat.law_level and not regime_ids:
        console.print(f"  无制度时（法律基线）：{LEVEL_NAMES[cat.law_level]}")
    console.print("\n[bold]完整条款应包含[/bold]")
    for el in cat.elements:
        console.print(f"  {el.id} {el.label}")
    console.print("\n[bold]弱化与风险信号[/bold]")
    for d in cat.defects:
        sev = f"，{_sev(d.severity)}" if d.severity else ""
        scope = f"，仅 {'、'.join(d.regimes)}" if d.regimes else ""
        console.print(f"  {d.id} {d.label}（{family_name(d.family)}{sev}{scope}）")
        console.print(f"      {d.message}", style="dim")
        console.print(f"      依据：{'；'.join(lib.cite_basis(d.basis, regime_ids or None))}", style="dim")
    console.print("\n[bold]依据[/bold]")
    for b in lib.cite_basis(cat.basis, regime_ids or None):
        console.print(f"  {b}")
    console.print(f"\n[bold]标准条款：{cat.drafting.title}[/bold]")
    if cat.drafting.choice:
        console.print(f"（备选方案由协议要素 {cat.drafting.choice} 选择）", style="dim")
    from gongjian.clauses.display import readable_template

    for text in cat.drafting.texts:
        console.print(f"\n  [bold]{text.id}[/bold]：{text.label}")
        for line in readable_template(text.text).splitlines():
            console.print(f"    {line}", markup=False)


# --------------------------------------------------------------------------------------------------- drafting


def _regime_choice_help() -> str:
    return "js-fusion、js-consortium、js-tech-center、jl-industry-center、cq-liangjiang"


@cli.command("init")
@click.option("--regime", "regime_id", required=True, metavar="REGIME", help=f"制度：{_regime_choice_help()}。")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="要写出的要素文件（.yaml）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@handled
def init_cmd(regime_id: str, output: str, force: bool) -> None:
    """生成一份完整的、带中文注释的协议要素示例文件，可直接起草。

    \b
    示例：
      gongjian init --regime cq-liangjiang -o 组建协议.yaml
      gongjian draft 组建协议.yaml -o 组建协议.docx
    """
    from gongjian.api import init_spec

    path = init_spec(regime_id, output, force=force)
    click.echo(f"已生成协议要素文件：{path}")
    click.echo(f"下一步：按本单位情况修改后运行  gongjian draft {path} -o 组建协议.docx")


@cli.command("draft")
@click.argument("spec", type=_input(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="输出文件（.docx 或 .md）。")
@click.option("--regime", "regime_ids", multiple=True, metavar="REGIME", help="覆盖要素文件中的制度（可重复）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default=None,
              help="输出格式；缺省时按输出文件的扩展名确定（.docx 或 .md，其他扩展名不予起草）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@handled
def draft_cmd(spec: str, output: str, regime_ids: tuple[str, ...], fmt: str | None, force: bool) -> None:
    """校验协议要素文件（一次列出全部问题），然后起草完整的协议。

    \b
    示例：
      gongjian draft 组建协议.yaml -o 组建协议.docx
      gongjian draft 组建协议.yaml -o 组建协议.md --format md
      gongjian draft 组建协议.yaml -o 协议.docx --regime js-consortium --force
    """
    from gongjian.api import draft_file

    result = draft_file(spec, output, regimes=regime_ids, fmt=fmt, force=force)
    click.echo(f"已起草：{result.path}（{result.articles} 条，{result.members} 家成员单位，{result.tables} 张表格）")
    for warning in result.warnings:
        click.secho(f"提示：{warning}", fg="yellow", err=True)


# --------------------------------------------------------------------------------------------------- checking


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=_input())
@click.option("--regime", "regime_ids", multiple=True, metavar="REGIME",
              help="按这些制度审查（可重复）；缺省或 auto 为自动识别。")
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="输出格式：text 屏幕阅读；json/jsonl 完整报告；csv/xlsx 每个文件一行的汇总"
                   "（xlsx 另含条款矩阵和问题清单）；html 可打印的网页报告。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="把报告写入文件（不写则输出到屏幕；xlsx 必须指定）。")
@click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="并行审查的进程数（缺省：文件较多时每个 CPU 核一个）。")
@click.option("--force", is_flag=True, help="报告文件或批注副本已存在时覆盖。")
@click.option("--explain", is_flag=True, help="同时列出被防误报规则或阈值排除的候选。")
@click.option("--annotate", "annotate", type=click.Path(dir_okay=False), metavar="OUT.docx",
              help="另存一份带批注的审查副本（仅限单个 .docx；原文件不改动）。")
@click.option("--author", "author", default="gongjian 审查", show_default=True, help="批注的作者名。")
@click.pass_context
@handled
def check_cmd(ctx: click.Context, paths: tuple[str, ...], regime_ids: tuple[str, ...], fmt: str,
              output: str | None, jobs: int | None, force: bool, explain: bool, annotate: str | None,
              author: str) -> None:
    """审查协议（.docx、.pdf、.txt、.md）：缺失、薄弱和有风险的条款，附原文、依据和修改建议。

    可以给多个文件或文件夹（其下所有可审查的文件，按路径排序）；多个文件并行审查，终端上显示进度。
    无法读取的文件在汇总中单列一行并说明原因，其余文件照常审查。
    退出码：0 无错误级问题，1 有错误级问题，2 有文件无法读取或用法错误。

    \b
    示例：
      gongjian check 组建协议.docx
      gongjian check 组建协议.docx --regime cq-liangjiang --format json -o 报告.json
      gongjian check 申报材料/ -j 2 --format xlsx -o 汇总.xlsx
      gongjian check 申报材料/ --format html -o 汇总.html
      gongjian check 组建协议.docx --annotate 组建协议-审查.docx --author 法务部
    """
    from pathlib import Path

    from gongjian.api import expand_paths
    from gongjian.errors import OutputExists, UsageError
    from gongjian.nlp.batch import default_jobs

    if fmt == "xlsx" and not output:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件", "例如：gongjian check 申报材料/ --format xlsx -o 汇总.xlsx")
    if output and Path(output).exists() and not force:  # refuse before a long batch, not after it
        raise OutputExists(output)
    if annotate:
        from gongjian.nlp.annotate import check_target

        if len(paths) != 1 or Path(paths[0]).is_dir():
            raise UsageError("--annotate 只能用于单个 .docx 文件", "去掉 --annotate，或每次只审查一个 .docx 文件")
        if output and Path(output).resolve() == Path(annotate).resolve():
            raise UsageError("报告文件与批注副本不能是同一个文件", "为 -o 和 --annotate 指定不同的文件名")
        check_target(paths[0], annotate, force=force, author=author)  # refuse before checking: nothing half done
    files = expand_paths(paths)  # paths, and records of links out of a folder (not followed)
    if output and any(isinstance(f, Path) and Path(output).resolve() == f.resolve() for f in files):
        raise UsageError(f"报告文件不能是被审查的文件：{output}", "为 -o 指定另一个文件名")
    results = _run_batch(files, regime_ids, explain, jobs or default_jobs(len(files)))
    ctx.meta[EXIT_CODE] = exit_code_for(results)
    _emit_check_results(results, fmt, output, force, explain, single=len(paths) == 1 and len(files) == 1,
                        debug=_debug(ctx))
    if annotate:
        from gongjian.api import annotate_file

        written = annotate_file(paths[0], results[0], annotate, author=author, force=force)
        click.echo(f"批注副本已写入：{written}", err=True)
    ctx.exit(ctx.meta[EXIT_CODE])


def _run_batch(paths, regime_ids: tuple[str, ...], explain: bool, jobs: int, *, verify: bool = False) -> list:
    """Check files (or verify packages), with a progress bar on a terminal (stderr) when there are several.

    No progress bar in pipes.
    """
    from pathlib import Path

    from gongjian.api import check_paths, verify_packages

    def run(progress=None) -> list:
        if verify:
            return verify_packages(paths, regimes=regime_ids, jobs=jobs, progress=progress)
        return check_paths(paths, regimes=regime_ids, explain=explain, jobs=jobs, progress=progress)

    if len(paths) < 2 or not sys.stderr.isatty():
        return run()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from gongjian.files import shown_path

    columns = (TextColumn("核验中" if verify else "审查中"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"),
               TimeRemainingColumn(), TextColumn("{task.description}", style="dim", markup=False))
    with Progress(*columns, console=Console(stderr=True, emoji=False, highlight=False), transient=True) as bar:
        task = bar.add_task("", total=len(paths))

        def advance(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, description=shown_path(Path(path).name)[:40])

        return run(advance)


def _batch_line(results, *, verify: bool = False) -> str:
    """Return the one-line tally of a batch."""
    unreadable = sum(isinstance(r, dict) for r in results)
    with_errors = sum(not isinstance(r, dict) and r.has_errors for r in results)
    what, verb, failed = ("份申报材料", "核验", "无法核验") if verify else ("个文件", "审查", "无法读取")
    unit = what[0]
    return (f"共{verb} {len(results)} {what}：{with_errors} {unit}有错误级问题，{unreadable} {unit}{failed}，"
            f"{len(results) - with_errors - unreadable} {unit}无错误级问题")


def _emit_check_results(results, fmt: str, output: str | None, force: bool, explain: bool, *, single: bool,
                        verify: bool = False, debug: bool = False) -> None:
    """Format the results and print them, or write them to ``output`` (atomically)."""
    from gongjian.files import write_atomically
    from gongjian.nlp import reporting

    if fmt == "xlsx":
        from gongjian.nlp.spreadsheet import write_xlsx

        write_atomically(output, lambda p: write_xlsx(results, p), force=force)
        click.echo(f"汇总表已写入：{output}（{_batch_line(results, verify=verify)}）", err=True)
        return
    if fmt == "text":
        import io

        from rich.markup import escape

        buf = io.StringIO()
        # On screen: colours and the terminal's width; into a file: plain text, rules 120 columns wide.
        console = _console() if output is None else _console(file=buf, width=120)
        for item in results:
            if isinstance(item, dict):
                console.print(f"[red]无法读取 {escape(item['file'])}：{escape(item['error']['message'])}[/]")
            else:
                reporting.print_report(item, console, explain=explain, debug=debug)
        if len(results) > 1:
            console.print(f"\n[bold]{_batch_line(results, verify=verify)}[/]")
        if output is None:
            return
        text = buf.getvalue()
    elif fmt == "json":
        text = reporting.to_json(results, single=single, explain=explain) + "\n"
    elif fmt == "jsonl":
        text = reporting.to_jsonl(results, explain=explain) + "\n"
    elif fmt == "csv":
        from gongjian.nlp.spreadsheet import to_csv

        text = to_csv(results)
    else:
        from gongjian.nlp.html_report import to_html

        text = to_html(results)
    if output:
        # Excel opens a UTF-8 CSV correctly only with a byte-order mark.
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        write_atomically(output, lambda p: p.write_text(text, encoding), force=force)
        tally = f"（{_batch_line(results, verify=verify)}）" if len(results) > 1 else ""
        click.echo(f"报告已写入：{output}{tally}", err=True)
    else:
        _write(text)


def exit_code_for(results) -> int:
    """Return the CLI exit code for a list of reports and error records (the highest applies)."""
    code = 0
    for item in results:
        if isinstance(item, dict):
            code = max(code, 2)
        elif item.has_errors:
            code = max(code, 1)
    return code


@cli.command("verify")
@click.argument("packages", metavar="PACKAGE_DIR...", nargs=-1, required=True, type=_input())
@click.option("--regime", "regime_ids", multiple=True, metavar="REGIME",
              help="按这些制度审查（可重复）；缺省或 auto 为按协议自动识别。")
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="输出格式（同 check）：text、json、jsonl、csv、xlsx、html；多份材料时 csv/xlsx 每份一行。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), help="把报告写入文件（不写则输出到屏幕）。")
@click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="多份材料时并行核验的进程数（缺省：材料较多时每个 CPU 核一个）。")
@click.option("--force", is_flag=True, help="报告文件已存在时覆盖。")
@click.pass_context
@handled
def verify_cmd(ctx: click.Context, packages: tuple[str, ...], regime_ids: tuple[str, ...], fmt: str,
               output: str | None, jobs: int | None, force: bool) -> None:
    """核验申报材料：组建协议与其附件（申请表、建设/组建方案、章程、补充协议）是否一致。

    每份申报材料是一个文件夹。先按 check 审查协议本身，再逐一比对附件：成员名单与成员总数、牵头单位、
    统一社会信用代码、法定代表人、协议生效时间与申请表的“联合体协议生效时间”、平台名称、投入总额、
    章程的实体与治理机构、补充协议的引用与签署。每条不一致都引用两份文件的原文（注明文件）。
    无法读取的附件记为一条警告，其余照常核验。可以一次给多份材料（并行核验，汇总输出，每份一行）；
    其中无法核验的材料（没有协议、协议无法读取）单列一行并说明原因。
    退出码：0 无错误级问题，1 有错误级问题，2 材料无效、协议无法读取或用法错误。

    \b
    示例：
      gongjian verify 申报材料/某联合体/
      gongjian verify 申报材料/某联合体/ --format html -o 核验报告.html
      gongjian verify 申报材料/*/ -j 2 --format xlsx -o 核验汇总.xlsx
    """
    from pathlib import Path

    from gongjian.errors import OutputExists, UsageError
    from gongjian.nlp.batch import default_jobs

    if fmt == "xlsx" and not output:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件",
                         "例如：gongjian verify 申报材料/*/ --format xlsx -o 核验汇总.xlsx")
    if output and Path(output).exists() and not force:  # refuse before the work, the file is left untouched
        raise OutputExists(output)
    if len(packages) == 1:
        from gongjian.api import verify_package

        results = [verify_package(packages[0], regimes=regime_ids)]
    else:
        results = _run_batch(list(packages), regime_ids, False, jobs or default_jobs(len(packages)), verify=True)
    ctx.meta[EXIT_CODE] = exit_code_for(results)
    _emit_check_results(results, fmt, output, force, False, single=len(packages) == 1, verify=True)
    ctx.exit(ctx.meta[EXIT_CODE])


@cli.command("eval")
@click.argument("labels", type=_input(dir_okay=False))
@click.option("--docs", required=True, type=_input(file_okay=False), help="存放被标注文件的目录。")
@click.option("--label-regimes", is_flag=True, help="按标注中的制度审查（缺省为自动识别，并报告识别准确率）。")
@click.option("--mistakes", is_flag=True, help="列出每一处判断与标注不一致的类别。")
@click.option("--rules-only", is_flag=True, help="只用规则、不用条款模型（对照实验）。")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@handled
def eval_cmd(labels: str, docs: str, label_regimes: bool, mistakes: bool, rules_only: bool, fmt: str) -> None:
    """用标注文件评估审查准确率：各类别“缺失”的精确率与召回率、“薄弱”的精确率、召回率与 F1、混淆表。

    \b
    示例：
      gongjian eval ../shared/corpus/agreements/labels.jsonl --docs ../shared/corpus/agreements
      gongjian eval labels.jsonl --docs 语料/ --mistakes
      gongjian eval validation/agreements/labels.jsonl --docs validation/agreements --rules-only
    """
    import sys as _sys

    from gongjian.api import evaluate_labels
    from gongjian.nlp.evaluate import format_evaluation

    def progress(name: str) -> None:
        if _sys.stderr.isatty():
            click.echo(f"\r审查 {name[:60]:60}", nl=False, err=True)

    ev = evaluate_labels(labels, docs, use_label_regimes=label_regimes, progress=progress, rules_only=rules_only)
    if _sys.stderr.isatty():
        click.echo("\r" + " " * 70 + "\r", nl=False, err=True)
    if fmt == "json":
        _echo_json(ev.to_dict())
    else:
        click.echo(format_evaluation(ev, show_mistakes=mistakes))


def main() -> None:
    """Run the CLI (the ``gongjian`` console script); :class:`Gongjian` holds the process-level policy."""
    cli.main(prog_name="gongjian", standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    main()
