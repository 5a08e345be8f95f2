#!/bin/sh
# id.po must translate every string, and POTFILES.in must list every source
# file that has translatable strings (so none is silently left out).
set -u
podir=$1
top=$(dirname "$podir")
stats=$(msgfmt --statistics -o /dev/null "$podir/id.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "FAIL: po/id.po is not complete" >&2; exit 1 ;;
esac
cd "$top" || exit 1
missing=0
for f in $(grep -lE '(^|[^A-Za-z0-9_])N?_\("|translatable="yes"' src/*/*.c src/*/*/*.c src/*/*/*.ui ui/*.ui 2>/dev/null); do
  grep -qx "$f" po/POTFILES.in || { echo "FAIL: $f has translatable strings but is not in po/POTFILES.in" >&2; missing=1; }
done
# Every string of the sources must be in id.po (a stale id.po misses new ones).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 -f po/POTFILES.in -o "$tmp/tam.pot" 2>/dev/null || exit 1
msgmerge -q --no-fuzzy-matching "$podir/id.po" "$tmp/tam.pot" -o "$tmp/merged.po" || exit 1
stats=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
case "$stats" in
  *untranslated*) echo "FAIL: sources have strings missing from po/id.po: $stats" >&2; missing=1 ;;
esac
exit $missing
