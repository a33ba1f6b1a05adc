"""The build hooks that read plugin internals refuse plugin releases they were not written for
(tooling/plugins.py): each named plugin, faked at another release, stops the build with an error
that names the hook, the plugin and both releases."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata

import pytest
from mkdocs.exceptions import PluginError

from tooling.repo import ROOT, hook_module

# (hook, a plugin whose internals it reads)
READS = [
    ("notebook_pages.py", "mkdocs-jupyter"),
    ("notebook_pages.py", "mkdocs-static-i18n"),
    ("search_per_language.py", "mkdocs-static-i18n"),
]


@pytest.mark.parametrize("name, distribution", READS)
def test_a_hook_refuses_a_plugin_release_it_was_not_written_for(name, distribution, monkeypatch):
    module, config = hook_module(name), object()
    assert module.on_config(config) is config  # the pinned releases pass
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda d: "99.0.0" if d == distribution else real(d))
    with pytest.raises(PluginError, match=rf"hooks/{name} was written for {distribution}==.* {distribution} 99\.0\.0"):
        module.on_config(config)


def test_the_build_stops_with_the_refusal(tmp_path):
    """The real mkdocs.yml, with a newer mkdocs-jupyter (its metadata, first on the path): the build
    fails before any page is built, with MkDocs's error line, not a traceback."""
    real = metadata.distribution("mkdocs-jupyter")
    fake = tmp_path / "fake" / "mkdocs_jupyter-99.0.0.dist-info"
    fake.mkdir(parents=True)
    fake.joinpath("METADATA").write_text("Metadata-Version: 2.1\nName: mkdocs-jupyter\nVersion: 99.0.0\n")
    # importlib.metadata keeps one distribution per name: the fake one must declare the plugin too.
    fake.joinpath("entry_points.txt").write_text(real.read_text("entry_points.txt"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(fake.parent), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "ERROR" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "hooks/notebook_pages.py was written for mkdocs-jupyter==0.27.* " in result.stderr, result.stderr
    assert "mkdocs-jupyter 99.0.0 is installed" in result.stderr, result.stderr
