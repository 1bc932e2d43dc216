"""The layout is a contract (README "Architecture"): the project's modules import each other without a
cycle, `copydesk/core` imports nothing outside itself and no I/O, table or orchestration library, and
Prefect is imported only under `flows/` and `tasks/`. Imports inside functions count too: a lazy import
is still a dependency."""
import ast
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGES = ("copydesk", "flows", "tasks")
# What the core may not import: orchestration, tables, I/O and object stores (the layers above do that).
CORE_FORBIDDEN = {"prefect", "prefect_dask", "dask", "distributed", "pyarrow", "duckdb", "fsspec", "s3fs",
                  "pandas", "warcio", "psutil", "boto3", "botocore", "subprocess", "multiprocessing", "shutil",
                  "tempfile", "socket", "glob", "urllib.request", "http.client", "http.server"}
PREFECT = {"prefect", "prefect_dask", "dask", "distributed"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in the file, as absolute dotted names."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import module`
    return out


def project_graph() -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    mods = {module_name(p): p for p in files}
    graph = {}
    for m, p in mods.items():
        graph[m] = {i for i in imports_of(p) if i in mods and i != m and not m.startswith(i + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_checker_finds_a_cycle_and_a_forbidden_import(tmp_path):
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    f = ROOT / "copydesk" / "core" / "_layout_probe.py"
    f.write_text("def f():\n    from ..warehouse import writer\n    import pyarrow\n")
    try:
        got = imports_of(f)
    finally:
        f.unlink()
    assert {"copydesk.warehouse", "copydesk.warehouse.writer", "pyarrow"} <= got


def test_modules_found():
    graph = project_graph()
    assert {"copydesk.core.pipeline", "copydesk.warehouse.writer", "copydesk.run.driver", "flows.ingest",
            "tasks.ingest", "copydesk.cli"} <= set(graph)
    assert sum(len(v) for v in graph.values()) > 50  # the scan sees the imports, absolute and relative


def test_no_import_cycle():
    assert cycles(project_graph()) == []


@pytest.mark.parametrize("path", sorted((ROOT / "copydesk" / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_imports_only_core_and_no_io_or_orchestration(path):
    for name in imports_of(path):
        top = name.split(".")[0]
        assert top not in CORE_FORBIDDEN and not any(name.startswith(f + ".") or name == f for f in CORE_FORBIDDEN), \
            f"{path.name} imports {name}"
        if top in PACKAGES:
            assert name.startswith("copydesk.core") or name == "copydesk", f"{path.name} imports {name}"


@pytest.mark.parametrize("path", sorted((ROOT / "copydesk").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_prefect_only_in_flows_and_tasks(path):
    for name in imports_of(path):
        assert name.split(".")[0] not in PREFECT, f"{path.relative_to(ROOT)} imports {name}"
