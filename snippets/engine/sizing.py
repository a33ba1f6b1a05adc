SERVERS, WORKERS = 2, 4  # (1)!
MAX_CONNECTIONS, RESERVED = 100, 10  # (2)!


def plan(threads, pool_size, max_overflow):
    processes = SERVERS * WORKERS
    ceiling = processes * (pool_size + max_overflow)  # (3)!
    budget = MAX_CONNECTIONS - RESERVED
    verdict = "fits" if ceiling <= budget else "over budget"
    waiting = max(0, threads - (pool_size + max_overflow))  # (4)!
    return f"at most {ceiling} of {budget}, {verdict}; waiting threads per process: {waiting}"


print("16 threads, 5 + 10:", plan(threads=16, pool_size=5, max_overflow=10))
#> 16 threads, 5 + 10: at most 120 of 90, over budget; waiting threads per process: 1
print("16 threads, 8 + 2: ", plan(threads=16, pool_size=8, max_overflow=2))
#> 16 threads, 8 + 2:  at most 80 of 90, fits; waiting threads per process: 6
print("10 threads, 8 + 2: ", plan(threads=10, pool_size=8, max_overflow=2))
#> 10 threads, 8 + 2:  at most 80 of 90, fits; waiting threads per process: 0
