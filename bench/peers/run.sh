#!/usr/bin/env bash
# The peers of performance issue 18 now run from bench/run.sh, which prints the one table; this adds the -Path profile.
# usage: bench/peers/run.sh [--repeats N] [--no-torch]
exec "$(dirname "$0")/../run.sh" --profile "$@"
