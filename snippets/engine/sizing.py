# needs: nothing (runs in a browser)
SERVERS, WORKERS = 2, 4  # (1)!
MAX_CONNECTIONS = 100  # (2)!
SUPERUSER_RESERVED, RESERVED = 3, 0
OTHER_CLIENTS = 7  # (3)!
THREADS = 40  # (4)!

processes = SERVERS * WORKERS
budget = MAX_CONNECTIONS - SUPERUSER_RESERVED - RESERVED - OTHER_CLIENTS
per_process = budget // processes  # (5)!
print(f"{processes} processes share {budget} connections: {per_process} each at most")
#> 8 processes share 90 connections: 11 each at most


def check(pool_size, max_overflow):
    limit = pool_size + max_overflow
    total = processes * limit
    verdict = "fits" if total <= budget else "over budget"
    return (
        f"{processes} x {limit} = {total} of {budget}, {verdict}; "
        f"threads waiting per process: {max(0, THREADS - limit)}"  # (6)!
    )


print("defaults 5 + 10:", check(pool_size=5, max_overflow=10))
#> defaults 5 + 10: 8 x 15 = 120 of 90, over budget; threads waiting per process: 25
print("sized    8 + 3: ", check(pool_size=8, max_overflow=3))
#> sized    8 + 3:  8 x 11 = 88 of 90, fits; threads waiting per process: 29
