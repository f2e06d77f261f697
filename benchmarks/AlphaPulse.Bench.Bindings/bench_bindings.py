"""The bindings suite's measurements, in the process that pays them: a Python caller (run by BindingsSuite.cs).

Per-record cost of single and batch reads through the native library and the pure-Python reader, and of iterating
events; beside them, in the same run, the floors: a plain struct.unpack_from loop over the same ring bytes, and one
empty ctypes call (ap_noop). Then publish → visible-in-Python latency from each record's scheduled publish time
(coordinated omission corrected), a C# writer process publishing at a fixed rate. Prints progress, then the metrics
as one JSON line (the last line).
"""

from __future__ import annotations

import argparse
import json
import mmap
import shutil
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writer", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, args.package)
    global alphapulse
    import alphapulse  # noqa: F401  (after the path is set)

    records = 20_000 if args.quick else 50_000
    repeats = 3 if args.quick else 7
    latency_records = 3_000 if args.quick else 20_000
    directory = Path("/dev/shm") / f"alphapulse-bench-bindings-{int(time.time() * 1000)}"
    directory.mkdir()
    try:
        metrics = {}
        _ = publish(args.writer, directory / "bench-a.ring", records, 0, None)
        costs(directory, records, repeats, metrics)
        for backend in ("native", "pure"):
            ring = directory / f"latency{backend}-a.ring"
            scheduled, published = publish(args.writer, ring, latency_records, 100, lambda: alphapulse.Reader(f"latency{backend}", path=directory, backend=backend))
            for name, values in (("latency", scheduled), ("publish_latency", published)):
                values.sort()
                metrics[f"{backend}_{name}_p50_ns"] = percentile(values, 50)
                metrics[f"{backend}_{name}_p99_ns"] = percentile(values, 99)
            print(f"{backend} scheduled publish → visible: p50 {metrics[f'{backend}_latency_p50_ns']:.0f} ns, p99 {metrics[f'{backend}_latency_p99_ns']:.0f} ns; "
                  f"actual publish → visible: p50 {metrics[f'{backend}_publish_latency_p50_ns']:.0f} ns, p99 {metrics[f'{backend}_publish_latency_p99_ns']:.0f} ns "
                  f"({len(scheduled)} records at 10,000/s)", flush=True)
        scheduled, published = publish(args.writer, directory / "latencyfloor-a.ring", latency_records, 100, lambda: FloorReader(directory / "latencyfloor-a.ring"))
        for name, values in (("floor_latency", scheduled), ("floor_publish_latency", published)):
            values.sort()
            metrics[f"{name}_p50_ns"] = percentile(values, 50)
            metrics[f"{name}_p99_ns"] = percentile(values, 99)
        for backend in ("native", "pure"):
            for q in ("p50", "p99"):
                metrics[f"{backend}_latency_{q}_ratio_to_floor"] = metrics[f"{backend}_latency_{q}_ns"] / max(metrics[f"floor_latency_{q}_ns"], 1)
        print(f"floor (plain mmap poll) scheduled publish → visible: p50 {metrics['floor_latency_p50_ns']:.0f} ns, p99 {metrics['floor_latency_p99_ns']:.0f} ns", flush=True)
        print(json.dumps(metrics))
        return 0
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def publish(writer: str, ring: Path, count: int, interval_us: int, open_reader):
    """Runs the C# writer; with a reader factory, reads while it publishes and returns each record's latency (ns) from
    its scheduled time (the writer's lateness included: coordinated omission corrected) and from its actual publish."""
    process = subprocess.Popen(["dotnet", writer, "stream", str(ring), str(count), str(interval_us)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "ready"
        reader = open_reader() if open_reader else None
        process.stdin.write("go\n")
        process.stdin.flush()
        latencies, published = [], []
        if reader is not None:
            now = time.clock_gettime_ns
            clock = time.CLOCK_MONOTONIC
            while len(latencies) < count:
                batch = reader.read_batch(256)
                if batch.size:
                    seen = now(clock)
                    latencies.extend((seen - batch["exchange_time"]).tolist())
                    published.extend((seen - batch["publish_time"]).tolist())
            reader.close()
        assert process.stdout.readline().strip() == "done"
        assert process.wait(timeout=120) == 0
        return latencies, published
    finally:
        if process.poll() is None:
            process.kill()


class FloorReader:
    """The latency floor: the simplest Python reader of the same ring — poll the published sequence of an mmap and
    unpack each new slot's times with struct — measured exactly as the bindings are (docs: DESIGN.md, floors)."""

    def __init__(self, ring: Path) -> None:
        with open(ring, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
        self._header, self._slot_size, slot_count = struct.unpack_from("<III", self._map, 12)
        self._mask = slot_count - 1
        self._next = struct.unpack_from("<q", self._map, 128)[0] + 1

    def read_batch(self, n: int):
        import numpy as np

        published = struct.unpack_from("<q", self._map, 128)[0]
        count = min(n, published - self._next + 1)
        rows = np.zeros(max(count, 0), dtype=[("exchange_time", "<i8"), ("publish_time", "<i8")])
        for i in range(max(count, 0)):
            offset = self._header + ((self._next + i) & self._mask) * self._slot_size
            rows[i] = (struct.unpack_from("<q", self._map, offset + 32 + 24)[0], struct.unpack_from("<q", self._map, offset + 8)[0])
        self._next += max(count, 0)
        return rows

    def close(self) -> None:
        self._map.close()


def costs(directory: Path, records: int, repeats: int, metrics: dict) -> None:
    """Per-record costs, each the median of ``repeats`` passes over the same ``records`` trades."""
    from alphapulse import Reader
    from alphapulse._layout import new_buffer
    from alphapulse._native import library

    def per_record(body) -> float:
        samples = []
        for _ in range(repeats):
            samples.append(body())
        return statistics.median(samples)

    def timed(setup, loop) -> float:
        state = setup()
        start = time.perf_counter_ns()
        loop(state)
        elapsed = time.perf_counter_ns() - start
        if hasattr(state, "close"):
            state.close()
        return elapsed / records

    def open_reader(backend):
        return lambda: Reader("bench", path=directory, backend=backend, batch_size=4096)

    def single(reader):
        read = reader.read_batch
        for _ in range(records):
            read(1)

    def single_raw(reader):
        read, buffer = reader._backend.read_into, new_buffer(1)
        for _ in range(records):
            read(buffer, 1)

    def batch(reader):
        total = 0
        while (n := reader.read_batch(4096).size) > 0:
            total += n
        assert total == records, f"read {total} of {records}"

    def iterate(reader):
        assert sum(1 for _ in reader) == records

    for backend in ("native", "pure"):
        for name, loop in (("single_read", single), ("single_raw_read", single_raw), ("batch_read", batch), ("iterate", iterate)):
            metrics[f"{backend}_{name}_ns"] = per_record(lambda: timed(open_reader(backend), loop))
            print(f"{backend} {name}: {metrics[f'{backend}_{name}_ns']:.0f} ns/record", flush=True)

    ring_path = directory / "bench-a.ring"

    def struct_floor():
        with open(ring_path, "rb") as f:
            ring = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
        header, slot_size, slot_count = struct.unpack_from("<III", ring, 12)
        slot, trade, mask = struct.Struct("<qqIHBBH6x"), struct.Struct("<qqQqqB"), slot_count - 1
        start = time.perf_counter_ns()
        for sequence in range(1, records + 1):
            offset = header + (sequence & mask) * slot_size
            slot.unpack_from(ring, offset)
            trade.unpack_from(ring, offset + 32)
        elapsed = time.perf_counter_ns() - start
        ring.close()
        return elapsed / records

    def ctypes_floor():
        noop = library().ap_noop
        start = time.perf_counter_ns()
        for _ in range(records):
            noop()
        return (time.perf_counter_ns() - start) / records

    metrics["floor_struct_unpack_ns"] = per_record(struct_floor)
    metrics["floor_ctypes_call_ns"] = per_record(ctypes_floor)
    print(f"floors: struct.unpack_from {metrics['floor_struct_unpack_ns']:.0f} ns/record, empty ctypes call {metrics['floor_ctypes_call_ns']:.0f} ns", flush=True)
    metrics["native_single_read_ratio_to_ctypes_floor"] = metrics["native_single_read_ns"] / metrics["floor_ctypes_call_ns"]
    metrics["native_single_raw_read_ratio_to_ctypes_floor"] = metrics["native_single_raw_read_ns"] / metrics["floor_ctypes_call_ns"]
    metrics["native_batch_read_ratio_to_struct_floor"] = metrics["native_batch_read_ns"] / metrics["floor_struct_unpack_ns"]
    metrics["pure_batch_read_ratio_to_struct_floor"] = metrics["pure_batch_read_ns"] / metrics["floor_struct_unpack_ns"]
    metrics["pure_single_read_ratio_to_struct_floor"] = metrics["pure_single_read_ns"] / metrics["floor_struct_unpack_ns"]


def percentile(sorted_values: list, p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * (len(sorted_values) - 1)))))
    return float(sorted_values[index])


if __name__ == "__main__":
    sys.exit(main())
