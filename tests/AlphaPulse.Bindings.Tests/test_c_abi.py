"""alphapulse.h from C: a program compiled with gcc against the header and the library checks sizes, offsets, that no
call writes past its struct, and every function's answers and error codes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from alphapulse._layout import RecordStruct, record_dtype
from alphapulse._native import library

from conftest import ROOT

HEADER = ROOT / "source" / "AlphaPulse.Bindings" / "alphapulse.h"


def test_c_program_should_use_every_function_of_the_header(edge, tmp_path):
    path, exchange, _ = edge
    lib = Path(library().path)
    program = tmp_path / "abi_check"
    gcc = shutil.which("gcc") or "cc"
    subprocess.run([gcc, "-std=c11", "-Wall", "-Werror", "-I", str(HEADER.parent), str(Path(__file__).with_name("abi_check.c")),
                    "-o", str(program), str(lib), f"-Wl,-rpath,{lib.parent}"], check=True)
    result = subprocess.run([str(program), str(path), exchange], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stdout + result.stderr


def test_python_record_layout_should_match_the_headers_table():
    rows = {}
    for line in HEADER.read_text().splitlines():
        parts = line.strip(" *").split()
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit() and parts[2].isidentifier():
            rows[parts[2]] = (int(parts[0]), int(parts[1]))
    assert set(rows) == set(record_dtype().names)
    for name, (offset, size) in rows.items():
        field = getattr(RecordStruct, name)
        assert (field.offset, field.size) == (offset, size), name
        assert record_dtype().fields[name][1] == offset
