#!/bin/sh
# Every C file of src/ and tests/ as clang-format (.clang-format at the
# root: gnome-calendar's GNU-based one) would write it. To fix:
#   clang-format -i $(git ls-files 'src/*.[ch]' 'tests/*.[ch]')
set -u
top=${1:?source root}
cd "$top" || exit 1
files=$(find src tests -name '*.[ch]' | sort)
if ! clang-format --dry-run --Werror $files 2>"${TMPDIR:-/tmp}/tam-format.$$"; then
  head -40 "${TMPDIR:-/tmp}/tam-format.$$" >&2
  n=$(grep -cE 'warning:|error:' "${TMPDIR:-/tmp}/tam-format.$$")
  rm -f "${TMPDIR:-/tmp}/tam-format.$$"
  echo "FAIL: $n places are not formatted (clang-format -i the files named above)" >&2
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/tam-format.$$"
echo "format: ok ($(echo $files | wc -w) files)"
