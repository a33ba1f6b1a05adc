# needs: nothing
import subprocess
import sys
from importlib.metadata import requires, version

print(version("sqlalchemy"))
#> 2.1.9
needs = requires("sqlalchemy")
print([r for r in needs if "extra ==" not in r])  # (1)!
#> ['typing-extensions>=4.6.0']
print([r for r in needs if r.endswith(('"asyncio"', '"aiosqlite"'))])  # (2)!
'''
[
    'greenlet>=1; extra == "asyncio"',
    'sqlalchemy[asyncio]; extra == "aiosqlite"',
    'aiosqlite; extra == "aiosqlite"',
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
#> ['importing sqlalchemy.ext.asyncio']
print(child.stderr.splitlines()[-1:])  # (3)!
'''
[
    "ImportError: The SQLAlchemy asyncio module requires that the Python 'greenlet' library is installed.  In order to ensure this dependency is available, use the 'sqlalchemy[asyncio]' install target:  'pip install sqlalchemy[asyncio]'"
]
'''
