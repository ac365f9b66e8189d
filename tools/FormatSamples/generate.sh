#!/usr/bin/env bash
# The format-sample generator: every test file in tests/data/formats (or the folder given) and its expected.json.
#
#     bash tools/FormatSamples/generate.sh [out dir, default tests/data/formats]
#
# Needs: Debian's python3 with numpy, torch, zstandard, brotli
#   (apt-get install -y python3-numpy python3-torch python3-zstandard python3-brotli),
# the .NET SDK (restores DuckDB.NET.Data.Full from NuGet) and node with npm (restores apache-arrow, pinned).
# Deterministic: a second run rewrites the same bytes (expected.json lists each file's sha256).
# The tests only read the files; they never need Python, node or DuckDB.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/tests/data/formats}"
py=/usr/bin/python3

"$py" "$here/samples.py" write "$out"                                   # samples.csv, JSON Lines, .npy/.npz, .gz/.zst/.br
dotnet run --project "$here" -c Release -- "$out"                        # Parquet and CSV by DuckDB
if [ ! -d "$here/node_modules/apache-arrow" ]; then (cd "$here" && npm ci --no-audit --no-fund); fi
node "$here/arrow.mjs" "$out"                                           # Arrow IPC file and stream by apache-arrow
"$py" "$here/samples.py" expect "$out"                                  # read back, check, expected.json
