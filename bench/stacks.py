#!/usr/bin/env python3
"""Where a server's CPU goes, per request, from `perf script` output (bench/profile.sh).

Reads the samples of one perf recording on stdin, puts each into one component (the first frame from the leaf
up that names one, so a JSON encoder called by a handler counts as JSON), and prints one line per component:
`<component>\t<share of samples>`. Threads of the JVM itself (GC, JIT compilers) count by thread name; a sample
only in the kernel counts as kernel. profile.sh multiplies the shares by the CPU microseconds per request.
"""
import re
import sys
from collections import Counter

# Most specific first; a frame is matched against these in order, and frames are read from the leaf up.
COMPONENTS = [
    ("logging (Logback)", r"ch\.qos\.logback|org\.slf4j|vaultgateway\.logging\."),
    ("tracing (OpenTelemetry)", r"io\.opentelemetry|io\.vertx\.tracing"),
    ("metrics (Micrometer)", r"io\.micrometer|io\.vertx\.micrometer|vaultgateway\.metrics\."),
    ("contract validation", r"io\.vertx\.json\.schema|io\.vertx\.openapi|vaultgateway\.api\.openapi"),
    ("authentication", r"vaultgateway\.auth\.|BearerAuthHandler|io\.vertx\.ext\.auth"),
    ("event bus", r"io\.vertx\.core\.eventbus|vaultgateway\.bus\."),
    ("audit trail", r"vaultgateway\.audit\.|AuditRepository"),
    ("encryption (Tink)", r"google\.crypto\.tink|vaultgateway\.crypto\.|javax\.crypto|com\.sun\.crypto"),
    ("PostgreSQL client", r"io\.vertx\.pgclient|io\.vertx\.sqlclient"),
    ("JSON", r"jackson|io\.vertx\.core\.json"),
    ("routing (vertx-web)", r"io\.vertx\.ext\.web"),
    ("handlers and domain", r"io\.scrapengine\."),
    ("HTTP codec", r"io\.vertx\.core\.http|io\.netty\.handler\.codec\.http"),
    ("event loop and futures", r"io\.netty|sun\.nio|io\.vertx\.core"),
]
# Threads whose every sample is one component, kernel time included: the console writer's wake-ups and system
# calls are logging's (logging/BatchingAppender's thread; perf shows at most 15 characters of a thread's name)
JVM_THREADS = [("JVM: garbage collection", r"^G1 |^GC Thread|^VM Thread"), ("JVM: JIT compilers", r"Compiler"),
               ("logging (Logback)", r"^log-writer")]
COMPILED = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]
IO = COMPONENTS[-1][0]


def component(thread, frames):
    for name, pattern in JVM_THREADS:
        if re.search(pattern, thread):
            return name
    in_kernel = bool(frames) and "[kernel" in frames[0]
    java = False
    for frame in frames:
        if "[kernel" in frame:
            continue
        java = True
        for name, pattern in COMPILED:
            if pattern.search(frame):
                # a system call made by the event loop itself (socket reads and writes, epoll, wake-ups)
                return "kernel: TCP, epoll, wake-ups" if in_kernel and name == IO else name
    return "other (JDK, JVM runtime)" if java else "kernel: TCP, epoll, wake-ups"


def main():
    counts = Counter()
    thread, frames = None, []
    for line in sys.stdin:
        if not line.strip():
            if thread is not None:
                counts[component(thread, frames)] += 1
            thread, frames = None, []
        elif not line[0].isspace():
            # `perf script` starts a sample with the thread name, which may contain spaces, then the tid
            match = re.match(r"^(.*?)\s+\d+(/\d+)?\s", line)
            thread = match.group(1) if match else line.split(" ")[0]
        else:
            frames.append(line.strip())
    if thread is not None:
        counts[component(thread, frames)] += 1
    total = sum(counts.values())
    for name, count in counts.most_common():
        print(f"{name}\t{count / total:.4f}")
    print(f"samples\t{total}")


if __name__ == "__main__":
    main()
