# needs: nothing
import subprocess
import sys
from importlib.metadata import requires, version

print(version("sqlalchemy"))
#> 2.0.58
needs = requires("sqlalchemy")
print([r for r in needs if "extra ==" not in r])
'''
[
    'importlib-metadata; python_version < "3.8"',
    'greenlet>=1; platform_machine == "aarch64" or (platform_machine == "ppc64le" or (platform_machine == "x86_64" or (platform_machine == "amd64" or (platform_machine == "AMD64" or (platform_machine == "win32" or platform_machine == "WIN32")))))',
    'typing-extensions>=4.6.0',
]
'''
print([r for r in needs if r.endswith(('"asyncio"', '"aiosqlite"'))])
'''
[
    'greenlet>=1; extra == "asyncio"',
    'greenlet>=1; extra == "aiosqlite"',
    'aiosqlite; extra == "aiosqlite"',
    'typing_extensions!=3.10.0.1; extra == "aiosqlite"',
]
'''

# What `pip install sqlalchemy` alone gives you: run in a child process without greenlet.
without_greenlet = """
import sys
sys.modules["greenlet"] = None  # as if greenlet were not installed
print("importing sqlalchemy.ext.asyncio")
from sqlalchemy.ext.asyncio import create_async_engine
print("calling create_async_engine()")  # printed only where the import works (SQLAlchemy 2.0)
create_async_engine("sqlite+aiosqlite://")
"""
child = subprocess.run([sys.executable, "-c", without_greenlet], capture_output=True, text=True, check=False)
print(child.stdout.splitlines())
#> ['importing sqlalchemy.ext.asyncio', 'calling create_async_engine()']
print(child.stderr.splitlines()[-1:])
#> []
