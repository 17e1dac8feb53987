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
# The Fandol faces are not an installed package's files (fonts/fandol.sh
# takes them out of the .deb): their package and version are fandol.sh's.
for f in FandolFang-Regular FandolSong-Regular FandolSong-Bold \
    FandolHei-Regular FandolKai-Regular
do
	p=/usr/share/fonts/opentype/fandol/$f.otf
	size=$(stat -c %s "$p")
	sum=$(sha256sum "$p" | cut -d' ' -f1)
	printf '%s\t%s\t%s\t%s\t%s\n' "$p" texlive-lang-chinese \
	    2022.20230122-1 "$size" "$sum"
done
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
# A bureau's own licensed faces (README.md, "A bureau's own faces"): the
# paths listed in fonts/local.list, one a line, '#' for comments.
here=$(dirname "$0")
if [ -f "$here/local.list" ]; then
	grep -v '^[[:space:]]*#' "$here/local.list" | while read -r p; do
		[ -n "$p" ] || continue
		size=$(stat -c %s "$p")
		sum=$(sha256sum "$p" | cut -d' ' -f1)
		printf '%s\t%s\t%s\t%s\t%s\n' "$p" local - "$size" "$sum"
	done
fi
