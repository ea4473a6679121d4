"""The wheel: one `transnorm` namespace with stubs and the bundled glossary, nothing stray."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import transnorm

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contents(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for d in ("server", "client", "glossary", "proto"):
        shutil.copytree(ROOT / d, src / d, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(src)], check=True)
    (wheel,) = out.glob("transnorm-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert top == {"transnorm", next(t for t in top if t.endswith(".dist-info"))}
    for required in ("transnorm/v1/normalizer_pb2.py", "transnorm/v1/normalizer_pb2.pyi",
                     "transnorm/v1/normalizer_pb2_grpc.py", "transnorm/v1/admin_pb2.py",
                     "transnorm/v1/admin_pb2_grpc.py", "transnorm/data/news.yaml",
                     "transnorm/engine/pipeline.py", "transnorm/client/__init__.py", "transnorm/cli/__init__.py",
                     "transnorm/server/__init__.py"):
        assert required in names, required
    # Every source package is in the wheel (the package list in pyproject.toml is explicit).
    for init in [*(ROOT / "server").rglob("__init__.py"), *(ROOT / "client").rglob("__init__.py")]:
        rel = init.relative_to(ROOT).parts[1:]  # drop server/ or client/
        assert "/".join(rel) in names, f"{init} is not packaged"
    stray = [n for n in names if n.endswith((".pyc", "README.md", ".proto", ".sh")) or "/tests/" in n]
    assert stray == []
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "transnorm = transnorm.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_tests_run_against_the_installed_package_in_ci():
    # In CI the package comes from site-packages; in a developer's editable install it maps to
    # server/. Either way the import must not come from a stray top-level copy.
    path = Path(transnorm.__file__).resolve()
    assert path.parent.name == "transnorm"
    assert path.parent.parent.name in ("server", "site-packages")
