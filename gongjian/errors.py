"""The exception hierarchy of gongjian; the CLI maps it to exit codes and one-line Chinese messages.

Exit codes (DESIGN.md): 0 no error-level finding; 1 error-level findings; 2 bad usage, invalid spec or unreadable
input; 3 internal failure.
"""

from __future__ import annotations

from collections.abc import Iterable


class GongjianError(Exception):
    """Base of every error gongjian raises on purpose.

    Attributes:
        message: one line in Chinese saying what went wrong.
        hint: one line saying how to fix it (may be empty).
        exit_code: the CLI's exit code for this error.
    """

    exit_code = 3

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(GongjianError):
    """The user asked for something that does not exist (an unknown regime or category, a bad option)."""

    exit_code = 2


class UnknownId(UsageError):
    """An unknown regime or category id; the message lists the valid choices."""

    def __init__(self, kind: str, given: str, choices: Iterable[str]) -> None:
        choices = list(choices)
        super().__init__(f"未知的{kind}“{given}”", f"可选：{'、'.join(choices)}")
        self.given = given
        self.choices = choices


class ProblemsError(GongjianError):
    """Base for errors that carry a list of problems, every one found at once."""

    title = "发现问题"

    def __init__(self, problems: Iterable[str], hint: str = "") -> None:
        self.problems = list(problems)
        super().__init__(f"{self.title}：共 {len(self.problems)} 处", hint)

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  - {p}" for p in self.problems)])


class LibraryInvalid(ProblemsError):
    """The clause library data does not validate; a packaging or authoring error, not the user's."""

    exit_code = 3
    title = "条款库数据无效"


class SpecInvalid(ProblemsError):
    """An agreement spec (YAML) does not validate."""

    exit_code = 2
    title = "协议要素文件有误"


class DocumentUnreadable(GongjianError):
    """A document cannot be read (missing, empty, corrupt, encrypted, unsupported)."""

    exit_code = 2


class OutputExists(UsageError):
    """An output file exists and ``--force`` was not given."""

    def __init__(self, path: str) -> None:
        super().__init__(f"输出文件已存在：{path}", "换一个文件名，或加 --force 覆盖")


class OutputUnwritable(UsageError):
    """An output file cannot be written (no such folder that can be made, no permission, disk full)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"无法写入输出文件：{path}（{reason}）", "检查路径、文件夹的写权限和磁盘空间，或换一个位置")


class MissingDependency(GongjianError):
    """An optional dependency is not installed."""

    exit_code = 2

    def __init__(self, package: str, extra: str | None = None) -> None:
        install = f'pip install "gongjian[{extra}]"' if extra else f"pip install {package}"
        super().__init__(f"缺少依赖 {package}", f"请先安装：{install}")


class Interrupted(BaseException):
    """A signal asked gongjian to stop (Ctrl-C, SIGTERM): the work under way is abandoned, nothing is left half done.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` on the way (a batch records a
    failing document and goes on) can swallow it. The CLI raises it from its signal handlers; the exit code is
    128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as shells report a process ended by a signal.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
