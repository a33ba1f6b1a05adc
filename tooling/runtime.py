"""The browser runner's runtime: Pyodide's core from the npm registry and the pure-Python wheels of
SQLAlchemy (one per line of the table in pyproject.toml) and typing-extensions from PyPI, each at a
pinned version with its hash, fetched once into a cache outside the repository and copied into the
built site by hooks/runner.py. Nothing of it is committed.

Python compiles a module from source every time it imports one it has no bytecode for, and
Pyodide writes none: importing SQLAlchemy from its wheel took most of a first run. So after the
download, Pyodide itself (in Node) unpacks each wheel and compiles it (unchecked-hash .pyc files,
valid whatever the files' times), and the site serves that folder as a zip: `NAME.pyodide.zip`.

    python -m tooling.runtime          # fetch what is missing (the tests run it before building)

The cache is $XDG_CACHE_HOME/sessionbook/runtime (~/.cache/sessionbook/runtime), or
SESSIONBOOK_RUNTIME. A file is kept only once its hash matches the pin; `missing()` checks again
before each build uses the cache.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tooling.lines import lines


@dataclass(frozen=True)
class Download:
    name: str  # the file's name in the cache and on the site
    url: str
    algorithm: str  # 'sha512' (npm's integrity) or 'sha256' (PyPI's)
    digest: str  # base64 for sha512 (as npm writes it), hex for sha256 (as PyPI writes it)

    def matches(self, data: bytes) -> bool:
        raw = hashlib.new(self.algorithm, data).digest()
        return (base64.b64encode(raw).decode() if self.algorithm == "sha512" else raw.hex()) == self.digest


PYODIDE_VERSION = "314.0.8"
PYODIDE = Download(
    f"pyodide-{PYODIDE_VERSION}.tgz",
    f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz",
    "sha512",
    "74Wq1kXOC+CCEzAfxuRAO701nAcCMLjf8NrwvWpu8S41dVMXwXmLQ05dYB+F4e46AdnGo0oq7YHSVUpHsoarLQ==",  # npm view pyodide@314.0.8 dist.integrity
)
# What the page's worker loads from the npm package (the rest are type declarations, source maps
# and a console page).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# One wheel per SQLAlchemy version of the table, and typing-extensions at requirements.txt's pin;
# tests/test_runtime.py checks both. Hashes and URLs from PyPI's simple index (JSON).
WHEELS = {
    "2.1.9": Download(
        "sqlalchemy-2.1.9-py3-none-any.whl",
        "https://files.pythonhosted.org/packages/7a/ee/9926603a1f7e88b41bc0d1e068e889fc84981553fb4e6037426d6b174da3/sqlalchemy-2.1.9-py3-none-any.whl",
        "sha256",
        "449fed5c2caa3b278cc57499d09db001fb3f28dc7f18affc48142aee4dcc0cdf",
    ),
    "2.0.58": Download(
        "sqlalchemy-2.0.58-py3-none-any.whl",
        "https://files.pythonhosted.org/packages/61/4a/32a002e26025be40cbbd979e77bcc27b6e3de37b26277eade76e82cc1e8b/sqlalchemy-2.0.58-py3-none-any.whl",
        "sha256",
        "cc1b78ba0ed1f32156d1582f94ca4aca74633e4dcdde3eb1562dd4742493f594",
    ),
}
TYPING_EXTENSIONS = Download(
    "typing_extensions-4.16.0-py3-none-any.whl",
    "https://files.pythonhosted.org/packages/49/d3/b8441a820a491ddfc024b0b0cf0393375b75ea13866d9c66727e54c2fc80/typing_extensions-4.16.0-py3-none-any.whl",
    "sha256",
    "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8",
)


def cache() -> Path:
    if os.environ.get("SESSIONBOOK_RUNTIME"):
        return Path(os.environ["SESSIONBOOK_RUNTIME"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sessionbook" / "runtime"


def downloads() -> list[Download]:
    """Everything the runtime needs; a KeyError naming the version if a line has no pinned wheel."""
    missing = [one.version for one in lines() if one.version not in WHEELS]
    if missing:
        raise KeyError(
            f"tooling/runtime.py pins no SQLAlchemy wheel for {', '.join(missing)} (a line of pyproject.toml): "
            "add its URL and sha256 from PyPI to WHEELS"
        )
    return [PYODIDE, TYPING_EXTENSIONS, *(WHEELS[one.version] for one in lines())]


def missing(folder: Path | None = None) -> list[str]:
    """What the cache lacks, or holds with the wrong hash: [] when the runtime is ready."""
    folder = folder or cache()
    problems = []
    for download in downloads():
        file = folder / download.name
        if not file.is_file():
            problems.append(f"{file} is missing")
        elif not download.matches(file.read_bytes()):
            problems.append(f"{file} does not match its {download.algorithm} pin")
    problems += [f"{file} is missing" for file in _core(folder).values() if not file.is_file()]
    problems += [
        f"{folder / compiled(one.name)} is missing"
        for one in downloads()[1:]
        if not (folder / compiled(one.name)).is_file()
    ]
    return problems


def fetch(folder: Path | None = None) -> list[str]:
    """Download what the cache lacks, unpack Pyodide's files from its package and compile the
    wheels; the names fetched."""
    folder = folder or cache()
    folder.mkdir(parents=True, exist_ok=True)
    fetched = [one.name for one in downloads() if download(one, folder)]
    core = _core(folder)
    if fetched or not all(file.is_file() for file in core.values()):
        next(iter(core.values())).parent.mkdir(exist_ok=True)
        with tarfile.open(folder / PYODIDE.name) as archive:
            for name, file in core.items():
                file.write_bytes(archive.extractfile(f"package/{name}").read())
    wheels = [one.name for one in downloads()[1:]]
    if fetched or not all((folder / compiled(name)).is_file() for name in wheels):
        compile_wheels(folder, wheels)
    return fetched


def compiled(wheel: str) -> str:
    """The name of a wheel unpacked and compiled by Pyodide, as the site serves it."""
    return wheel.removesuffix(".whl") + f".pyodide-{PYODIDE_VERSION}.zip"  # bytecode is Pyodide's Python's


# Run by Node: Pyodide unpacks each wheel, compiles it to unchecked-hash .pyc files, and zips it.
COMPILE = """
import { loadPyodide } from "./pyodide.mjs"
import { readFileSync, writeFileSync } from "node:fs"
const [folder, suffix, ...wheels] = process.argv.slice(2)
const py = await loadPyodide({ indexURL: new URL(".", import.meta.url).pathname })
for (const wheel of wheels) {
  py.unpackArchive(new Uint8Array(readFileSync(folder + "/" + wheel)), "wheel", { extractDir: "/out/" + wheel })
  py.runPython(`
import compileall, py_compile, shutil
import pathlib
compileall.compile_dir("/out/${wheel}", quiet=1, legacy=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
for source in pathlib.Path("/out/${wheel}").rglob("*.py"):
    source.unlink()
shutil.make_archive("/out/${wheel}", "zip", "/out/${wheel}")
`)
  const target = wheel.slice(0, -".whl".length) + suffix
  writeFileSync(folder + "/" + target, py.FS.readFile("/out/" + wheel + ".zip"))
}
"""


def compile_wheels(folder: Path, wheels: list[str]) -> None:
    node = shutil.which("node")
    if not node:
        raise RuntimeError(
            "tooling/runtime.py compiles the wheels with Pyodide under Node: install Node 18 or newer (Debian: apt-get install -y nodejs npm)"
        )
    script = next(iter(_core(folder).values())).parent / "compile.mjs"
    script.write_text(COMPILE, encoding="utf-8")
    suffix = compiled(".whl")
    subprocess.run([node, str(script), str(folder), suffix, *wheels], check=True, timeout=900)


def download(one: Download, folder: Path) -> bool:
    """Fetch one file into the folder unless it is there with its pinned hash; whether it was
    fetched. A download whose hash differs from its pin is never written: ValueError naming it."""
    file = folder / one.name
    if file.is_file() and one.matches(file.read_bytes()):
        return False
    with urllib.request.urlopen(one.url, timeout=120) as response:
        data = response.read()
    if not one.matches(data):
        raise ValueError(f"{one.url} does not match its {one.algorithm} pin in tooling/runtime.py; nothing written")
    partial = file.with_suffix(file.suffix + ".part")
    partial.write_bytes(data)
    partial.replace(file)
    return True


def _core(folder: Path) -> dict[str, Path]:
    """Pyodide's files, unpacked from its (verified) package beside it."""
    return {name: folder / f"pyodide-{PYODIDE_VERSION}" / name for name in PYODIDE_FILES}


def site_files(folder: Path | None = None) -> dict[str, Path]:
    """{name: file in the cache} of what the site serves from assets/runtime/: Pyodide's files and the wheels."""
    folder = folder or cache()
    return {**_core(folder), **{compiled(one.name): folder / compiled(one.name) for one in downloads()[1:]}}


def first_run_bytes(folder: Path | None = None) -> int:
    """What a reader's first run downloads: Pyodide's files, typing-extensions and the first
    line's SQLAlchemy wheel (another line's wheel only when the reader chooses it)."""
    folder = folder or cache()
    wheels = [TYPING_EXTENSIONS.name, WHEELS[lines()[0].version].name]
    files = [*_core(folder).values(), *(folder / compiled(name) for name in wheels)]
    return sum(file.stat().st_size for file in files)


def main() -> int:
    fetched = fetch()
    print(f"runtime ready in {cache()}" + (f" (fetched {', '.join(fetched)})" if fetched else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
