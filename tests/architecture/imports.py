"""Every import of a thidua module in src/, read from the source (module level and inside
functions), for the architecture tests."""

import ast
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "thidua"


@dataclass(frozen=True)
class Import:
    file: str  # relative to src/thidua, e.g. "core/views.py"
    line: int
    module: str  # "thidua.people.models"
    in_function: str  # the enclosing function's name, "" at module level

    @property
    def importer(self) -> str:
        """The app (or top-level module) the importing file belongs to."""
        return self.file.split("/", 1)[0].removesuffix(".py")

    @property
    def imported(self) -> str:
        parts = self.module.split(".")
        return parts[1] if len(parts) > 1 else ""


def _resolve(node: ast.ImportFrom, file: Path) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        package = list(file.relative_to(SRC.parent).with_suffix("").parts[:-node.level])
        base = ".".join([*package, *([node.module] if node.module else [])])
    if node.module is None or base.count(".") == 0:
        return [f"{base}.{alias.name}" for alias in node.names]
    # "from package import module" depends on that module, not on the package's __init__.
    return [f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base for alias in node.names]


def _is_module(dotted: str) -> bool:
    path = SRC.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports() -> list[Import]:
    found = []
    for file in sorted(SRC.rglob("*.py")):
        tree = ast.parse(file.read_text(), filename=str(file))
        stack: list[str] = []

        def visit(node, stack=stack, file=file):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                stack.append(node.name)
                for child in ast.iter_child_nodes(node):
                    visit(child)
                stack.pop()
                return
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = _resolve(node, file)
            for module in modules:
                if module == "thidua" or module.startswith("thidua."):
                    found.append(Import(str(file.relative_to(SRC)), node.lineno, module, stack[-1] if stack else ""))
            for child in ast.iter_child_nodes(node):
                visit(child)

        visit(tree)
    return found


def file_of(module: str) -> str | None:
    """The file of src/thidua that MODULE names ("thidua.x.y", or "thidua.x.name" for a name
    of module x), relative to src/thidua; None for none."""
    parts = module.split(".")[1:]
    for candidate in (parts, parts[:-1]):
        path = SRC.joinpath(*candidate)
        for file in (path.with_suffix(".py"), path / "__init__.py"):
            if candidate and file.exists():
                return file.relative_to(SRC).as_posix()
    return None
