"""Put the versions every output was checked with into the page template (overrides/main.html):
SQLAlchemy 2.1 as installed where the site is built (the test environment, pinned by
requirements.txt), SQLAlchemy 2.0 from noxfile.py, and the PostgreSQL the tests start."""

import ast
import subprocess
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path


def on_config(config):
    noxfile = Path(__file__).resolve().parent.parent / "noxfile.py"
    constants = {
        node.targets[0].id: node.value.value
        for node in ast.parse(noxfile.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.targets[0], ast.Name)
    }
    postgres = Path(find_spec("pgserver").submodule_search_locations[0]) / "pginstall" / "bin" / "postgres"
    server = subprocess.run([str(postgres), "--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    config.extra["verified"] = {
        "sqlalchemy": [version("sqlalchemy"), constants["SQLALCHEMY_20"]],
        "postgresql": server.split(".")[0],
    }
    return config
