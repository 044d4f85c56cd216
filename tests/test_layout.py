"""The layout keeps its promises: imports point down (cli -> render -> core -> loading), with no circles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import chefloen

PACKAGE = Path(chefloen.__file__).parent
MODULES = {
    ".".join(("chefloen", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): path
    for path in PACKAGE.rglob("*.py")
}


def imports(path: Path, *, module_level: bool, type_only: bool = False) -> set[str]:
    """The chefloen modules a file imports: at module level (run on import), or anywhere; ``type_only``: the
    imports only a type checker runs (``if TYPE_CHECKING:``) count too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST, *, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test) and not type_only:
                continue  # never run
            inside_function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.module:
                # `from chefloen import labels` imports the module chefloen.labels, not the package's namespace.
                names = [f"{child.module}.{alias.name}" for alias in child.names]
                names = [name if name in MODULES else child.module for name in names]
            else:
                names = []
            if top or not module_level:
                found.update(name for name in names if name in MODULES)
            visit(child, top=top and not inside_function)

    visit(tree, top=True)
    return found


@pytest.mark.parametrize("kind", ["run on import", "anywhere in the code", "anywhere, type-only imports included"])
def test_there_are_no_import_circles(kind: str) -> None:
    """Not at module level, not inside functions, not between type hints: each module rests on those below it."""
    graph = {
        name: imports(path, module_level=kind == "run on import", type_only="type-only" in kind)
        for name, path in MODULES.items()
    }
    circles = []

    def walk(name: str, trail: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                circles.append([*trail[trail.index(target) :], target])
            elif target not in done:
                walk(target, [*trail, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        walk(name, [name])
    assert circles == []
    assert sum(len(targets) for targets in graph.values()) > 50  # the parser found the imports


def test_the_core_never_imports_render_or_cli() -> None:
    core = [name for name, path in MODULES.items() if path.parent == PACKAGE and name != "chefloen.__main__"]
    assert "chefloen.calc" in core
    upward = ("chefloen.render", "chefloen.cli")
    wrong = {name: [t for t in imports(MODULES[name], module_level=False) if t.startswith(upward)] for name in core}
    assert {name: targets for name, targets in wrong.items() if targets} == {}


def test_render_never_imports_cli_and_loading_never_imports_render_or_cli() -> None:
    for name, path in MODULES.items():
        targets = imports(path, module_level=False)
        if name.startswith("chefloen.render"):
            assert not any(target.startswith("chefloen.cli") for target in targets), name
        if name.startswith("chefloen.loading"):
            assert not any(target.startswith(("chefloen.cli", "chefloen.render")) for target in targets), name


def test_every_file_is_opened_by_the_files_module() -> None:
    """The rules for files (no link followed, bounded reads, whole writes) live in chefloen.files alone."""
    openers = ("os.open(", "tempfile.", "os.replace(", "NamedTemporaryFile")
    elsewhere = {
        # Pointing a failed standard output at /dev/null is no file of the user's.
        name: [
            opener for opener in openers if opener in path.read_text(encoding="utf-8").replace("os.open(os.devnull", "")
        ]
        for name, path in MODULES.items()
        if name != "chefloen.files"
    }
    assert {name: found for name, found in elsewhere.items() if found} == {}
