#!/bin/sh
# lock.sh: regenerate fonts/fonts.lock from the installed Debian packages.
# Run after changing the pinned faces or upgrading their packages, review
# the diff, and commit it together with fonts.conf.
# Usage: sh fonts/lock.sh > fonts/fonts.lock
set -eu
LC_ALL=C
export LC_ALL
echo "# fonts.lock: the exact font files the bulletins use (see README.md)."
echo "# generator/fonts.c refuses to typeset when a file is missing or its"
echo "# SHA-256 differs. Regenerate with: sh fonts/lock.sh > fonts/fonts.lock"
echo "# path	debian-package	version	size	sha256"
for f in \
    /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
    /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc \
    /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
    /usr/share/fonts/truetype/arphic/ukai.ttc
do
	pkg=$(dpkg-query -S "$f" | sed 's/:.*//')
	ver=$(dpkg-query -W -f '${Version}' "$pkg")
	size=$(stat -c %s "$f")
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	printf '%s\t%s\t%s\t%s\t%s\n' "$f" "$pkg" "$ver" "$size" "$sum"
done
