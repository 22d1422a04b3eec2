"""Time the snippet engine against pytest-examples and Sybil on one generated corpus.

Run with the ``bench`` group installed::

    uv run --group bench python scripts/benchmarks/bench_snippets.py [--count 200]

It writes N realistic snippets (Pydantic models, dataclasses, async functions, plain functions;
three in four print and state their output with ``#>`` lines) into one markdown file, checks that
every tool passes the corpus, and prints the wall time of each run (process start included):

- this engine, lint + type check + run: cold (empty cache folder: mypy and bytecode caches
  cold), with the verdict cache off (``--no-cache``; mypy's own cache warm) and with a warm
  verdict cache; it runs from the repository so its pyproject settings (preloads, rules) apply;
- pytest-examples, ruff lint + run + print check (one ruff process per example);
- Sybil, run only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PYDANTIC = """```python
from pydantic import BaseModel, Field


class Product{i}(BaseModel):
    name: str
    price: int = Field(gt=0)


item = Product{i}.model_validate({{"name": "item-{i}", "price": {price}}})
print(item.name, item.price * 2)
#> item-{i} {double}
```
"""
DATACLASS = """```python
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Basket{i}:
    prices: tuple[int, ...] = field(default_factory=tuple)

    def total(self) -> int:
        return sum(self.prices)


print(Basket{i}((1, 2, {i})).total())
#> {total}
```
"""
ASYNC = """```python
import asyncio


async def fetch{i}(value: int) -> int:
    await asyncio.sleep(0)
    return value + {i}


async def main() -> None:
    results = await asyncio.gather(fetch{i}(1), fetch{i}(2))
    print(sum(results))
    #> {total}


asyncio.run(main())
```
"""
FUNCTION = """```python
def slug{i}(title: str) -> str:
    return "-".join(title.lower().split())


assert slug{i}("Hello World {i}") == "hello-world-{i}"
```
"""

PYTEST_EXAMPLES_TEST = """
import pytest
from pytest_examples import CodeExample, EvalExample, find_examples


@pytest.mark.parametrize("example", find_examples("corpus.md"), ids=str)
def test_corpus(example: CodeExample, eval_example: EvalExample) -> None:
    eval_example.set_config(line_length=100, target_version="py311")
    eval_example.lint_ruff(example)
    eval_example.run_print_check(example)
"""
SYBIL_CONFTEST = """
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

pytest_collect_file = Sybil(parsers=[PythonCodeBlockParser()], patterns=["*.md"]).pytest()
"""


def corpus(count: int) -> str:
    """``count`` snippets cycling through the four shapes, each with its own names and values."""
    parts = ["# Benchmark corpus\n"]
    for i in range(count):
        shape = i % 4
        if shape == 0:
            parts.append(PYDANTIC.format(i=i, price=i + 1, double=2 * (i + 1)))
        elif shape == 1:
            parts.append(DATACLASS.format(i=i, total=3 + i))
        elif shape == 2:
            parts.append(ASYNC.format(i=i, total=3 + 2 * i))
        else:
            parts.append(FUNCTION.format(i=i))
    return "\n".join(parts)


def best_of(repeat: int, run: Callable[[], float]) -> float:
    return min(run() for _ in range(repeat))


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr)[-3000:]
        raise SystemExit(f"{' '.join(command)} failed (exit {completed.returncode}):\n{output}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="snippets in the corpus")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per row; the fastest is shown (a busy machine)"
    )
    args = parser.parse_args()
    python = sys.executable
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="skillkit-bench-") as temporary:
        root = Path(temporary)
        for name in ("engine", "examples", "sybil"):
            (root / name).mkdir()
            (root / name / "corpus.md").write_text(corpus(args.count), encoding="utf-8")
        (root / "examples" / "test_corpus.py").write_text(PYTEST_EXAMPLES_TEST, encoding="utf-8")
        (root / "sybil" / "conftest.py").write_text(SYBIL_CONFTEST, encoding="utf-8")
        engine_env = {**env, "SKILLKIT_CACHE_DIR": str(root / "cache")}
        repository = Path(__file__).resolve().parents[2]  # its pyproject configures the engine
        corpus_path = str(root / "engine" / "corpus.md")
        engine: Callable[..., float] = lambda *extra: timed(  # noqa: E731
            [python, "-m", "skillkit.cli", "snippets", "check", corpus_path, *extra],
            repository,
            engine_env,
        )
        cold = 0.0
        for attempt in range(args.repeat):
            engine_env["SKILLKIT_CACHE_DIR"] = str(root / f"cache-{attempt}")
            seconds = engine("--no-cache")
            cold = seconds if attempt == 0 else min(cold, seconds)
        rows.append(("skillkit snippets, cold", "ruff + mypy + run + output", cold))
        no_cache = best_of(args.repeat, lambda: engine("--no-cache"))
        rows.append(("skillkit snippets --no-cache", "ruff + mypy + run + output", no_cache))
        engine()  # fill the verdict cache
        warm = best_of(args.repeat, engine)
        rows.append(("skillkit snippets, warm cache", "nothing changed: all from cache", warm))
        pytest = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]
        examples = best_of(args.repeat, lambda: timed(pytest, root / "examples", env))
        rows.append(("pytest-examples", "ruff + run + output", examples))
        sybil = best_of(args.repeat, lambda: timed([*pytest, "corpus.md"], root / "sybil", env))
        rows.append(("Sybil", "run", sybil))
    print(
        f"{args.count} snippets, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"fastest of {args.repeat} runs, load average {os.getloadavg()[0]:.1f}\n"
    )
    print(f"| {'tool':<30} | {'checks':<32} | {'wall s':>7} | {'ms/snippet':>10} |")
    print(f"|{'-' * 32}|{'-' * 34}|{'-' * 8}:|{'-' * 11}:|")
    for tool, checks, seconds in rows:
        per = seconds / args.count * 1000
        print(f"| {tool:<30} | {checks:<32} | {seconds:>7.2f} | {per:>10.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
