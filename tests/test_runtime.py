"""The browser runner's runtime (tooling/runtime.py) and its place in the build (hooks/runner.py):
every SQLAlchemy line has a pinned wheel, a download with another hash is refused, the cache is
checked before a build uses it, a build without it has no Run button and says why (and fails
under CI=true), the built site has a button on every runnable block in every language, and the
page judges a run with the harness's rule (tooling/marks.py against tooling.snippets)."""

from __future__ import annotations

import hashlib
import re

import pytest

from tooling import runtime
from tooling.lines import lines
from tooling.marks import marks
from tooling.pages import build, code_blocks, mini_site
from tooling.repo import ROOT, SNIPPETS, languages, page_pairs, url_dir
from tooling.snippets import OUTPUT, missing_output, needs, printed

RUNNABLE = '# needs: nothing (runs in a browser)\nprint("ok")\n#> ok\n'
PAGE = '# Home { #home }\n\n```python\n--8<-- "ok.py"\n```\n'


def test_every_line_and_typing_extensions_are_pinned():
    names = [one.name for one in runtime.downloads()]
    for one in lines():
        assert f"sqlalchemy-{one.version}-py3-none-any.whl" in names, f"tooling/runtime.py: no wheel for {one.version}"
    pin = re.search(r"^typing-extensions==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE)[1]
    assert runtime.TYPING_EXTENSIONS.name.startswith(f"typing_extensions-{pin}-"), (
        f"tooling/runtime.py loads {runtime.TYPING_EXTENSIONS.name}, requirements.txt pins typing-extensions=={pin}"
    )


def test_a_download_with_another_hash_is_refused(tmp_path):
    source = tmp_path / "real.whl"
    source.write_bytes(b"what the registry sent")
    pinned = hashlib.sha256(b"what was pinned").hexdigest()
    wrong = runtime.Download("x.whl", source.as_uri(), "sha256", pinned)
    (tmp_path / "cache").mkdir()
    with pytest.raises(ValueError, match="real.whl does not match its sha256 pin"):
        runtime.download(wrong, tmp_path / "cache")
    assert not list((tmp_path / "cache").iterdir()), "a refused download left a file in the cache"
    right = runtime.Download("x.whl", source.as_uri(), "sha256", hashlib.sha256(source.read_bytes()).hexdigest())
    assert runtime.download(right, tmp_path / "cache") and not runtime.download(right, tmp_path / "cache")


def test_the_cache_is_checked(tmp_path):
    assert any("is missing" in problem for problem in runtime.missing(tmp_path)), runtime.missing(tmp_path)
    (tmp_path / runtime.TYPING_EXTENSIONS.name).write_bytes(b"not the wheel")
    assert any("does not match its sha256 pin" in problem for problem in runtime.missing(tmp_path))


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_build_without_the_runtime(tmp_path, monkeypatch, ci):
    """No button and one log line; under CI=true, a failed build naming the hook."""
    monkeypatch.setenv("SESSIONBOOK_RUNTIME", str(tmp_path / "empty"))
    monkeypatch.setenv("CI", ci)
    config = mini_site(tmp_path, {"index.ko.md": PAGE, "index.en.md": PAGE})
    (tmp_path / "snippets" / "ok.py").write_text(RUNNABLE)
    result = build(config, tmp_path / "site")
    if ci:
        assert result.returncode != 0, "a CI build without the runtime passed"
        assert "hooks/runner.py: the browser runtime is not in the cache" in result.stderr, result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "no Run buttons on the pages" in result.stderr and "python -m tooling.runtime" in result.stderr
        assert "data-run=" not in (tmp_path / "site" / "index.html").read_text()


def test_every_runnable_block_has_its_button_in_every_language(site):
    """From the built site: one block marked data-run per whole snippet declared (runs in a
    browser), in order, on every page in every language; the runtime and the checks beside them."""
    if runtime.missing():
        pytest.skip("the runtime is not fetched (python -m tooling.runtime); the build left the buttons out")
    counts, wrong = {}, []
    for name, by_lang in sorted(page_pairs().items()):
        for lang in languages():
            expected = (
                [
                    b["file"]
                    for b in code_blocks(by_lang[lang])
                    if b["info"] == "python" and b["whole_file"] and needs(SNIPPETS / b["file"]).browser
                ]
                if name.endswith(".md")
                else []
            )
            html = (site / url_dir(name, lang) / "index.html").read_text(encoding="utf-8")
            found = re.findall(r'data-run="([^"]+)"', html)
            if found != expected:
                wrong.append(f"{url_dir(name, lang)}: Run buttons for {found}, runnable blocks {expected}")
            counts[name] = len(expected)
    assert not wrong, "\n".join(wrong)
    print("runnable snippets per page:", {name: n for name, n in counts.items() if n})
    for name in runtime.site_files():
        assert (site / "assets" / "runtime" / name).is_file(), f"site/assets/runtime/{name} is missing"
    assert (site / "assets" / "runner" / "marks.py").read_text() == (ROOT / "tooling" / "marks.py").read_text()


def test_the_page_judges_a_run_as_the_harness_does():
    """For every snippet that runs in a browser: its own `#>` lines, printed, all match; with one
    of them left out, the first mark that fails is the line missing_output names."""
    checked = 0
    for path in sorted(SNIPPETS.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if not needs(path).browser:
            continue
        shown = [line for one, block in OUTPUT.findall(source) for line in ([one] if not block else block.splitlines())]
        shown = [line for line in shown if line.strip()]
        expected = printed(source)
        assert all(marks(expected, "\n".join(shown))), path
        for left_out in range(len(shown)):
            stdout = "\n".join(shown[:left_out] + shown[left_out + 1 :])
            result = marks(expected, stdout)
            first = expected[result.index(False)] if False in result else None
            assert first == missing_output(source, stdout), f"{path}: marks and missing_output disagree"
        checked += 1
    assert checked, "no snippet runs in a browser"
