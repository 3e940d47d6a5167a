"""Regime rules as one implementation, used by drafting validation and by the checker (X04, X21, X22).

The rules themselves are data (``regimes/*.yaml``: ``composition``, ``prohibitions``, ``naming_pattern``); this
module evaluates them on plain member facts, so that an :class:`~gongjian.contracts.agreement.Agreement` and a
parsed agreement document are judged by the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongjian.clauses.schema import CompositionRule, Regime


@dataclass(frozen=True)
class MemberFacts:
    """What composition rules look at: role, type and chain position of one member."""

    name: str
    role: str  # lead | member
    type: str | None  # enterprise | university | institute | hospital | other | None (unknown)
    chain_position: str | None = None  # upstream | downstream | application | none | None (unknown)


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one composition rule."""

    rule: CompositionRule
    count: int
    holds: bool
    matching: tuple[str, ...]


def evaluate_composition(rule: CompositionRule, members: Sequence[MemberFacts]) -> RuleResult:
    """Count the members a rule is about and say whether the rule holds.

    A member counts when its type is among ``rule.types`` (if any are given) and its chain position is among
    ``rule.chain_positions`` (if any are given); ``count: lead`` looks at the lead unit only, ``count: others`` at
    every member but the lead (upstream and downstream are relative to the lead).
    """
    if rule.count == "lead":
        pool = [m for m in members if m.role == "lead"]
    elif rule.count == "others":
        pool = [m for m in members if m.role != "lead"]
    else:
        pool = list(members)
    matching = [
        m.name
        for m in pool
        if (not rule.types or m.type in rule.types)
        and (not rule.chain_positions or m.chain_position in rule.chain_positions)
    ]
    return RuleResult(rule, len(matching), len(matching) >= rule.min, tuple(matching))


def composition_results(regime: Regime, members: Sequence[MemberFacts]) -> list[RuleResult]:
    """Evaluate every composition rule of a regime."""
    return [evaluate_composition(rule, members) for rule in regime.composition]


def broken_composition(regimes: Iterable[Regime], members: Sequence[MemberFacts]) -> list[RuleResult]:
    """Return the composition rules of the regimes that do not hold."""
    return [r for regime in regimes for r in composition_results(regime, members) if not r.holds]


def name_matches(regime: Regime, platform_name: str) -> bool:
    """Return whether a platform name follows the regime's naming pattern (True when the regime has none)."""
    return regime.naming_pattern is None or re.search(regime.naming_pattern, platform_name) is not None
