#!/bin/sh
# Packaging test: gtk4-builder-tool validate on one .ui file, with the
# libadwaita types made known to it (see builder-tool-preload.c).
# usage: validate-ui.sh PRELOAD.so FILE.ui
set -eu
preload=$1
file=$2
if [ -n "${TAM_ASAN_RUNTIME:-}" ]; then
  # The preload library is instrumented in a sanitizer build: the
  # sanitizer runtime must come first; builder-tool's own leaks are GTK's.
  LD_PRELOAD="$TAM_ASAN_RUNTIME $preload"
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0:verify_asan_link_order=0"
  export ASAN_OPTIONS
else
  LD_PRELOAD="$preload"
fi
export LD_PRELOAD
exec gtk4-builder-tool validate "$file"
